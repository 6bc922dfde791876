// Show what an htmx action did (saved, added, copied, deleted) as a toast: a short message
// in the page's status region (#toasts, role="status", present from page load so that
// screen readers announce what is put in it), visible for a few seconds. A fragment carries
// its message in an element marked data-announce; without JavaScript, the same message comes
// back as a message at the top of the reloaded page.
(function () {
  "use strict";
  var SHOWN_FOR = 6000; // milliseconds; longer while the pointer rests on the toast

  function region() {
    return document.getElementById("toasts");
  }

  function show(text) {
    var toasts = region();
    if (!toasts || !text) return;
    // The last message stays in the region, out of sight, once its toast has gone: what
    // the page last did can still be found (by assistive technology, by tests) after the
    // few seconds it is shown. Older ones go.
    var gone = toasts.querySelectorAll(".toast--gone");
    for (var i = 0; i < gone.length; i++) gone[i].remove();
    var toast = document.createElement("p");
    toast.className = "toast";
    toast.textContent = text;
    toasts.appendChild(toast);
    var timer = null;
    function later() {
      timer = window.setTimeout(function () {
        toast.classList.add("toast--leaving");
        window.setTimeout(function () {
          toast.className = "toast--gone visually-hidden";
        }, 300);
      }, SHOWN_FOR);
    }
    toast.addEventListener("mouseenter", function () { window.clearTimeout(timer); });
    toast.addEventListener("mouseleave", later);
    later();
  }

  document.addEventListener("htmx:load", function (event) {
    var root = event.detail.elt;
    if (!root || !root.querySelectorAll) return;
    var sources = root.matches("[data-announce]") ? [root] : root.querySelectorAll("[data-announce]");
    for (var i = 0; i < sources.length; i++) {
      var text = (sources[i].textContent || "").trim();
      if (!text) continue;
      // The toast region says it now: the fragment's own copy stays as text, not a second
      // live region.
      sources[i].removeAttribute("role");
      sources[i].removeAttribute("aria-live");
      show(text);
    }
  });
})();
