// The learners' page: on a first visit (no ?tz= in the address yet) show the times in the
// device's own time zone, once. The address then holds ?tz=, so this never runs again on
// it: no loop, even when the server does not know the zone (it says so and shows the
// course's zone). Without JavaScript the page shows the course's zone and the learner picks
// theirs in the form.
(function () {
  "use strict";
  var form = document.getElementById("viewer-form");
  if (!form) {
    return;
  }
  var params = new URLSearchParams(window.location.search);
  if (params.has("tz")) {
    return;
  }
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  if (!zone) {
    return;
  }
  params.set("tz", zone);
  // replace(): Back leaves the page rather than coming back to the address without ?tz=.
  window.location.replace(window.location.pathname + "?" + params.toString() + window.location.hash);
})();
