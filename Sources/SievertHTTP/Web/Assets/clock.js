// Counts down the Art. 33 72-hour clocks on incident pages. The page states each clock at the moment it was
// served; this only keeps it current while the page stays open. No other script exists in the portal.
(function () {
  "use strict";
  function render(seconds) {
    var minutes = Math.floor(Math.abs(seconds) / 60);
    var text = Math.floor(minutes / 60) + " h " + (minutes % 60) + " min";
    return seconds < 0 ? "overdue by " + text : text + " left";
  }
  function tick() {
    var clocks = document.querySelectorAll("[data-due]");
    for (var i = 0; i < clocks.length; i++) {
      var due = Date.parse(clocks[i].getAttribute("data-due"));
      if (isNaN(due)) { continue; }
      var seconds = (due - Date.now()) / 1000;
      clocks[i].textContent = render(seconds);
      if (seconds < 0) { clocks[i].classList.add("clock-overdue"); }
    }
  }
  tick();
  setInterval(tick, 30000);
})();
