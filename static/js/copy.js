// Copy buttons: <button type="button" data-copy="ID" hidden> copies the value of the field
// with that id. The button is hidden in the markup and shown here, so that without
// JavaScript the page offers only what works: the field, to select and copy by hand.
// What happened is said in the button's data-copy-status element (role="status").
(function () {
  "use strict";

  function say(button, text) {
    var status = document.getElementById(button.getAttribute("data-copy-status") || "");
    if (status) status.textContent = text;
  }

  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
    var done = function () { say(button, "Copied the link."); };
    var byHand = function () {
      field.focus();
      field.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      say(button, copied ? "Copied the link." : "Selected the link: press Ctrl+C (⌘C) to copy it.");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, byHand);
    } else {
      byHand();
    }
  }

  function wire(root) {
    var buttons = root.querySelectorAll("button[data-copy]");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      if (button.dataset.copyWired) continue;
      button.dataset.copyWired = "1";
      button.hidden = false;
      button.addEventListener("click", function (event) { copy(event.currentTarget); });
    }
  }

  document.addEventListener("DOMContentLoaded", function () { wire(document); });
})();
