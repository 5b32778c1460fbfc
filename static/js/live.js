/* Live strip, "live" marks, the talk page's countdown and replay placeholders.
   The server renders each of them right for the moment it renders the page; this script
   redoes the same rules (events/live.py) with the browser's clock, so a page left open or
   served from a cache stays current. It reads the talks from the page and from the
   cacheable feed (/live.json), never asks the server what time it is, and loads a replay's
   player only when the reader clicks. */
(function () {
  "use strict";

  var TICK = 15000;  // ms between checks: transitions are whole minutes apart

  function now() { return Date.now(); }
  function time(value) { return new Date(value).getTime(); }

  /* Talk cards: the mark is absolutely placed, so toggling it moves nothing. */
  function updateCards(lead) {
    document.querySelectorAll("[data-live-card]").forEach(function (card) {
      var start = time(card.dataset.start), end = time(card.dataset.end);
      var on = start - lead <= now() && now() < end;
      card.classList.toggle("talk--live", on);
      var mark = card.querySelector("[data-live-mark]");
      if (mark) { mark.hidden = !on; }
    });
  }

  /* The strip */
  function clock(zone) {
    return new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  }

  function streamButton(stream, labels) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.className = "button button--" + stream.platform;
    link.href = stream.url;
    link.rel = "noopener";
    link.target = "_blank";
    var name = labels[stream.platform] || stream.platform;
    var platform = document.createElement("span");
    platform.className = "button__platform";
    platform.textContent = stream.platform === "other" && stream.channel ? stream.channel : name;
    link.appendChild(platform);
    if (stream.channel && stream.platform !== "other" && stream.channel !== name) {
      var channel = document.createElement("span");
      channel.className = "button__channel";
      channel.textContent = stream.channel;
      link.appendChild(channel);
    }
    item.appendChild(link);
    return item;
  }

  function stripItem(strip, talk, onAir, format, labels) {
    var item = strip.querySelector("template[data-strip-item]").content.firstElementChild.cloneNode(true);
    item.dataset.slug = talk.slug;
    var when = item.querySelector(".live-item__time");
    when.setAttribute("datetime", talk.start);
    when.textContent = format.format(new Date(talk.start)) + "\u2013" + format.format(new Date(talk.end));
    var forum = item.querySelector(".live-item__forum");
    forum.href = talk.forum.url;
    forum.textContent = talk.forum.title;
    var title = item.querySelector(".live-item__title a");
    title.href = talk.url;
    title.textContent = talk.title;
    var streams = item.querySelector(".live-item__streams");
    if (onAir) {
      talk.streams.forEach(function (stream) { streams.appendChild(streamButton(stream, labels)); });
    }
    if (!onAir || !talk.streams.length) { streams.remove(); }
    return item;
  }

  function fillGroup(strip, name, talks, onAir, format, labels) {
    var group = strip.querySelector('[data-strip-group="' + name + '"]');
    var list = group.querySelector("[data-strip-list]");
    var shown = Array.prototype.map.call(list.children, function (item) { return item.dataset.slug; });
    var wanted = talks.map(function (talk) { return talk.slug; });
    if (shown.join(" ") !== wanted.join(" ")) {  // rebuild only when the list changed
      list.replaceChildren.apply(list, talks.map(function (talk) {
        return stripItem(strip, talk, onAir, format, labels);
      }));
    }
    group.hidden = talks.length === 0;
    return talks.length;
  }

  function updateStrip(strip, feed) {
    var lead = Number(strip.dataset.lead) * 1000, ahead = Number(strip.dataset.window) * 1000;
    var forum = strip.dataset.forum, t = now();
    var talks = feed.talks.filter(function (talk) {
      return !forum || talk.forum.slug === forum;
    });
    var onAir = talks.filter(function (talk) {
      return time(talk.start) - lead <= t && t < time(talk.end);
    });
    var next = talks.filter(function (talk) {
      return t < time(talk.start) - lead && time(talk.start) <= t + ahead;
    });
    var format = clock(strip.dataset.zone), labels = JSON.parse(strip.dataset.platforms || "{}");
    var count = fillGroup(strip, "live", onAir, true, format, labels) +
      fillGroup(strip, "next", next, false, format, labels);
    strip.hidden = count === 0;
  }

  function initStrip() {
    var strip = document.querySelector("[data-live-strip]");
    if (!strip || !window.fetch) { return; }
    var feed = null;
    function load() {
      return fetch(strip.dataset.feed, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) { feed = data; } })
        .catch(function () { /* offline: keep the last feed, or the server's strip */ });
    }
    load().then(function () {
      if (feed) { updateStrip(strip, feed); }
      window.setInterval(function () { if (feed) { updateStrip(strip, feed); } }, TICK);
      window.setInterval(load, 10 * 60 * 1000);  // a changed programme reaches an open page
    });
  }

  /* The talk page: countdown, then the streams, then the replay or the note. */
  function updateTalkPage(page) {
    var start = time(page.dataset.start), end = time(page.dataset.end);
    var lead = Number(page.dataset.lead) * 1000, t = now();
    var phase = t >= end ? "after" : (t >= start - lead ? "live" : "before");
    page.querySelectorAll("[data-phase]").forEach(function (part) {
      part.hidden = part.dataset.phase !== phase;
    });
    var countdown = page.querySelector("[data-countdown]");
    if (!countdown) { return; }
    var left = start - t;
    if (left <= 0 || left > Number(countdown.dataset.within) * 1000) {
      countdown.hidden = true;
      return;
    }
    var minutes = Math.ceil(left / 60000);
    countdown.textContent = minutes < 60
      ? countdown.dataset.minutes.replace("{minutes}", minutes)
      : countdown.dataset.hours.replace("{hours}", Math.floor(minutes / 60)).replace("{minutes}", minutes % 60);
    countdown.hidden = false;
  }

  /* Replays: the player is created on click, so nothing reaches the platform before. */
  function loadReplay(frame) {
    var player;
    if (frame.dataset.kind === "video") {
      player = document.createElement("video");
      player.controls = true;
      player.preload = "metadata";
      var source = document.createElement("source");
      source.src = frame.dataset.src;
      if (frame.dataset.type) { source.type = frame.dataset.type; }
      player.appendChild(source);
    } else {
      player = document.createElement("iframe");
      player.src = frame.dataset.src;
      player.allow = "fullscreen; picture-in-picture";
      player.allowFullscreen = true;
      player.referrerPolicy = "strict-origin-when-cross-origin";
    }
    player.title = frame.dataset.title;
    player.className = "replay__player";
    frame.replaceChildren(player);
    frame.classList.add("replay__frame--loaded");
    player.focus();
  }

  function initReplays() {
    document.querySelectorAll("[data-replay]").forEach(function (frame) {
      var button = frame.querySelector("[data-replay-load]");
      button.addEventListener("click", function () { loadReplay(frame); });
      frame.hidden = false;  // without script only the plain link shows
    });
  }

  var strip = document.querySelector("[data-live-strip]");
  var page = document.querySelector("[data-talk-page]");
  var lead = Number((strip || page || { dataset: { lead: 300 } }).dataset.lead) * 1000;
  initReplays();
  initStrip();
  function tick() {
    updateCards(lead);
    if (page) { updateTalkPage(page); }
  }
  tick();
  window.setInterval(tick, TICK);
}());
