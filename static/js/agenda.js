/* Personal agenda and local times: progressive enhancement of server-rendered pages.
   Stars keep talk slugs in localStorage; /agenda/ receives them as ?talks=a,b so the list is
   rendered by the server and can be bookmarked or shared. Labels come translated from the
   script tag's data attributes (templates/base.html), so no message catalogue is needed. */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) { return; }
  var labels = script.dataset;
  var storageKey = "summit:agenda:" + labels.summit;

  function readAgenda() {
    try {
      var value = JSON.parse(window.localStorage.getItem(storageKey) || "[]");
      return Array.isArray(value) ? value.filter(function (slug) { return typeof slug === "string"; }) : [];
    } catch (error) {
      return [];  // storage disabled (private mode) or a damaged value: start empty
    }
  }

  function writeAgenda(slugs) {
    try {
      if (slugs.length) {
        window.localStorage.setItem(storageKey, JSON.stringify(slugs));
      } else {
        window.localStorage.removeItem(storageKey);
      }
    } catch (error) { /* storage unavailable: the star still toggles for this page */ }
  }

  /* The service worker (static/sw.js) saves the agenda page as it now stands, so the
     agenda opens offline with the stars just set. */
  function keepOffline(slugs) {
    if (!slugs.length || !("serviceWorker" in navigator)) { return; }
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) {
        registration.active.postMessage({ keep: [labels.agendaUrl + "?talks=" + slugs.map(encodeURIComponent).join(",")] });
      }
    });
  }

  /* Stars */
  function paintStar(button, on) {
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.setAttribute("aria-label", on ? labels.remove : labels.add);
    button.title = on ? labels.remove : labels.add;
    button.querySelector(".star__icon").textContent = on ? "\u2605" : "\u2606";
    var text = button.querySelector(".star__text");
    if (text) { text.textContent = on ? labels.added : labels.add; }
  }

  function addStar(holder, agenda) {
    var slug = holder.dataset.talk;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "star";
    var icon = document.createElement("span");
    icon.className = "star__icon";
    icon.setAttribute("aria-hidden", "true");
    button.appendChild(icon);
    if (holder.hasAttribute("data-star-text")) {
      var text = document.createElement("span");
      text.className = "star__text";
      text.setAttribute("aria-hidden", "true");
      button.appendChild(text);
      button.classList.add("star--text");
    }
    paintStar(button, agenda.indexOf(slug) !== -1);
    button.addEventListener("click", function () {
      var current = readAgenda();
      var at = current.indexOf(slug);
      if (at === -1) { current.push(slug); } else { current.splice(at, 1); }
      writeAgenda(current);
      keepOffline(current);
      paintStar(button, at === -1);
    });
    holder.appendChild(button);
    var card = holder.closest(".talk");
    if (card) { card.classList.add("has-star"); }  // room for the star in the corner
  }

  function initStars() {
    var agenda = readAgenda();
    document.querySelectorAll("[data-talk]").forEach(function (holder) {
      addStar(holder, agenda);
    });
  }

  /* The agenda page: bring the stored list into the URL; offer to clear it. */
  function initAgendaPage() {
    if (!document.querySelector("[data-agenda-page]")) { return; }
    var params = new URLSearchParams(window.location.search);
    var agenda = readAgenda();
    if (!params.has("talks") && agenda.length) {
      window.location.replace(labels.agendaUrl + "?talks=" + agenda.map(encodeURIComponent).join(","));
      return;
    }
    var clear = document.querySelector("[data-agenda-clear]");
    if (clear && agenda.length) {
      clear.hidden = false;
      clear.addEventListener("click", function () {
        writeAgenda([]);
        window.location.assign(labels.agendaUrl);
      });
    }
  }

  /* Local time: shown only when the visitor's clock differs from the summit's. */
  function clock(zone, withDay) {
    var options = { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    if (withDay) { options.month = "short"; options.day = "numeric"; }
    return new Intl.DateTimeFormat(document.documentElement.lang || undefined, options);
  }

  function dayKey(date, zone) {
    return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
  }

  function addLocalTime(holder, visitorZone) {
    var start = new Date(holder.dataset.start);
    var end = new Date(holder.dataset.end);
    var summitZone = holder.dataset.zone;
    if (isNaN(start) || isNaN(end) || !summitZone) { return; }
    var same = clock(summitZone, true).format(start) === clock(visitorZone, true).format(start);
    if (same) { return; }
    var otherDay = dayKey(start, summitZone) !== dayKey(start, visitorZone);
    var line = document.createElement("span");
    line.className = "local-time";
    // A full-width colon (Chinese) already carries its own space.
    var label = /\uff1a$/.test(labels.yourTime) ? labels.yourTime : labels.yourTime + " ";
    line.textContent = label + clock(visitorZone, otherDay).format(start) +
      "\u2013" + clock(visitorZone, false).format(end) + " (" + visitorZone + ")";
    holder.appendChild(line);
  }

  function initLocalTimes() {
    var visitorZone;
    try {
      visitorZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (error) {
      return;
    }
    if (!visitorZone) { return; }
    document.querySelectorAll("[data-local-time]").forEach(function (holder) {
      try {
        addLocalTime(holder, visitorZone);
      } catch (error) { /* an unknown zone name: leave the summit's time alone */ }
    });
  }

  initAgendaPage();
  initStars();
  initLocalTimes();
}());
