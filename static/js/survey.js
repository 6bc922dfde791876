// The learners' survey: when the time-zone box is empty, suggest the browser's own zone
// (Intl), which the learner can still change. Without JavaScript the box is a searchable list.
(function () {
  "use strict";
  function suggest() {
    var input = document.querySelector("[data-suggest-zone]");
    if (!input || input.value) return;
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (error) {
      return;
    }
    if (!zone) return;
    var known = document.querySelector('#timezone-names option[value="' + zone.replace(/"/g, "") + '"]');
    if (!known) return;
    input.value = zone;
    var hint = document.getElementById("zone-hint");
    if (hint) {
      hint.textContent = "Filled in from your device: " + zone + ". Change it if you will study somewhere else.";
      hint.hidden = false;
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", suggest);
  } else {
    suggest();
  }
})();
