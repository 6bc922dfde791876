// Keep keyboard focus where it was when htmx swaps a fragment in (a fragment replaces the
// very button that was pressed). Elements are matched by id, else by their form's action
// and their text; when the element is gone, focus moves to the first control of the item it
// was in (a block or outcome just saved: its Edit link), else (a deleted block) to the
// swapped region's first heading, so keyboard users are not sent back to the top of the page.
(function () {
  "use strict";
  var pending = null;

  function keyOf(element) {
    if (!element || element === document.body) return null;
    var item = element.closest("li[id]");
    var container = item ? item.id : null;
    if (element.id) return { id: element.id, container: container };
    var form = element.closest("form");
    var link = element.getAttribute("href");
    return {
      action: form ? form.getAttribute("action") : null,
      href: link,
      text: (element.textContent || "").trim(),
      tag: element.tagName,
      container: container,
    };
  }

  function inItem(key) {
    var item = key.container ? document.getElementById(key.container) : null;
    return item ? item.querySelector("a[href], button:not([disabled]), input:not([type=hidden]), select, textarea") : null;
  }

  function find(root, key) {
    if (key.id) return document.getElementById(key.id);
    var candidates = root.querySelectorAll(key.tag === "A" ? "a[href]" : "button, input, select, textarea");
    for (var i = 0; i < candidates.length; i++) {
      var candidate = candidates[i];
      var form = candidate.closest("form");
      var sameAction = key.action === (form ? form.getAttribute("action") : null);
      var sameHref = key.href === candidate.getAttribute("href");
      if (sameAction && sameHref && (candidate.textContent || "").trim() === key.text) return candidate;
    }
    return null;
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    pending = keyOf(document.activeElement);
    if (pending) pending.refused = event.detail.xhr && event.detail.xhr.status === 422;
  });

  // htmx:load fires on the new content itself (the old element, which afterSettle would
  // be sent to after an outerHTML swap, is no longer in the document).
  document.addEventListener("htmx:load", function (event) {
    if (!pending) return;
    var key = pending;
    pending = null;
    var settled = document.activeElement;
    // After htmx's own focus handling for the swap, which may refocus the old element. Not
    // when focus has moved since (the user, or a test, went on to another field in that
    // tick): focus is never taken from where it was put.
    window.setTimeout(function () {
      if (document.activeElement !== settled) return;
      restore(event.detail.elt, key);
    }, 0);
  });

  function restore(elt, pending) {
    var root = elt && elt.isConnected ? elt : document;
    var refused = pending.refused;
    // A refused form: go to the first field that says what is wrong.
    var target = refused ? root.querySelector("[aria-invalid='true']") : null;
    // New content that names its own starting point (a row just added).
    if (!target) target = root.querySelector("[autofocus]");
    // A form that has just opened (or is ready for the next entry) takes focus itself.
    var opened = refused ? null : root.querySelector("form[data-autofocus]");
    // A question (confirm before losing work) marks the safe answer to start on.
    if (!target && opened) target = opened.querySelector("[data-focus-first], input:not([type=hidden]), select, textarea");
    if (!target) target = find(document, pending);
    if (target && target.disabled) target = null;
    if (!target) target = inItem(pending);
    if (!target) {
      target = root.querySelector("h2");
      if (target) target.setAttribute("tabindex", "-1");
    }
    if (target) target.focus();
  }
})();
