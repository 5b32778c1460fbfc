/* Registers the service worker (static/sw.js, served at /sw.js for the whole site) and
   says when the page is a copy saved for offline reading. */
(function () {
  "use strict";

  var script = document.currentScript;

  var note = document.querySelector("[data-offline-note][data-saved]");
  if (note) {
    var saved = new Date(note.dataset.saved);
    var stamp = note.querySelector("[data-saved-at]");
    if (!isNaN(saved) && stamp) {
      stamp.setAttribute("datetime", note.dataset.saved);
      stamp.textContent = "(" + saved.toLocaleString(document.documentElement.lang || undefined,
        { dateStyle: "medium", timeStyle: "short" }) + ")";
    }
    note.hidden = false;
  }

  if (!script || !("serviceWorker" in navigator)) { return; }
  navigator.serviceWorker.register(script.dataset.worker, { scope: "/" }).catch(function () {});
  // On the first visit the worker did not see this page load: hand it the page and the
  // files it used, so they can be read offline already.
  navigator.serviceWorker.ready.then(function (registration) {
    if (navigator.serviceWorker.controller || !registration.active) { return; }
    var files = performance.getEntriesByType("resource").map(function (entry) { return entry.name; });
    registration.active.postMessage({ keep: [window.location.href].concat(files) });
  });
}());
