/* The service worker (served at /sw.js by summit/views.py so it covers the whole site).
   Keeps the schedule, the agenda, the talk pages a reader opened and the static files for
   reading offline; anything else offline gets the plain offline page. Pages come from the
   network first, so the next visit online replaces the saved copy; a saved copy says on
   the page that it is one. The admin, the API, forms and anything not listed are never
   stored. */
"use strict";

var VERSION = "1";
var PAGES = "summit-pages-" + VERSION;
var STATIC = "summit-static-" + VERSION;
var SCOPE = new URL(self.registration.scope);
var OFFLINE = new URL("offline/", SCOPE).href;
// An optional language prefix (/en/) keeps this right when pages move under one.
var LANG = "(?:[a-z]{2}(?:-[a-z]+)?/)?";
var KEEP = new RegExp("^/" + LANG + "(?:schedule/|agenda/|talks/[^/]+/|live\\.json)$");
var STATIC_PATH = /^\/static\//;

function keepable(url) {
  return url.origin === SCOPE.origin && (KEEP.test(url.pathname) || STATIC_PATH.test(url.pathname));
}

function storable(response) {
  var control = response.headers.get("Cache-Control") || "";
  return response.ok && response.type === "basic" && !/no-store|private/.test(control);
}

/* A copy stamped with the time it was saved, so an offline page can say how old it is. */
function save(cacheName, request, response) {
  if (!storable(response)) { return Promise.resolve(); }
  return response.clone().blob().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set("X-Saved-At", new Date().toISOString());
    return caches.open(cacheName).then(function (cache) {
      return cache.put(request, new Response(body, { status: response.status, statusText: response.statusText, headers: headers }));
    });
  });
}

/* The saved copy: this address, else the newest copy of the same page with other
   parameters (an agenda with other talks, another day of the schedule). */
function savedCopy(request) {
  return caches.open(PAGES).then(function (cache) {
    // Vary (Accept-Language, Cookie) is ignored: the reader on this device is the same one.
    return cache.match(request, { ignoreVary: true }).then(function (exact) {
      if (exact) { return exact; }
      return cache.matchAll(request, { ignoreSearch: true, ignoreVary: true }).then(function (copies) {
        copies.sort(function (a, b) {
          return (b.headers.get("X-Saved-At") || "").localeCompare(a.headers.get("X-Saved-At") || "");
        });
        return copies[0];
      });
    });
  });
}

function markedAsSaved(response) {
  var type = response.headers.get("Content-Type") || "";
  if (type.indexOf("text/html") !== 0) { return response; }
  var saved = response.headers.get("X-Saved-At") || "";
  return response.text().then(function (html) {
    html = html.replace("data-offline-note hidden", 'data-offline-note data-saved="' + saved + '"');
    return new Response(html, { status: 200, headers: { "Content-Type": type } });
  });
}

function offlinePage() {
  return caches.match(OFFLINE, { ignoreVary: true }).then(function (page) {
    return page || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } });
  });
}

function networkFirst(event) {
  return fetch(event.request).then(function (response) {
    event.waitUntil(save(PAGES, event.request, response));
    return response;
  }).catch(function () {
    return savedCopy(event.request).then(function (copy) {
      if (copy) { return markedAsSaved(copy); }
      return event.request.mode === "navigate" ? offlinePage() : Response.error();
    });
  });
}

/* Static files: the saved copy at once, refreshed in the background. */
function staleWhileRevalidate(event) {
  return caches.open(STATIC).then(function (cache) {
    return cache.match(event.request, { ignoreVary: true }).then(function (copy) {
      var fresh = fetch(event.request).then(function (response) {
        if (storable(response)) { cache.put(event.request, response.clone()); }
        return response;
      });
      if (copy) {
        event.waitUntil(fresh.catch(function () {}));
        return copy;
      }
      return fresh;
    });
  });
}

self.addEventListener("install", function (event) {
  var pages = [OFFLINE, new URL("schedule/", SCOPE).href, new URL("agenda/", SCOPE).href];
  event.waitUntil(Promise.all(pages.map(function (url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      return save(PAGES, url, response);
    }).catch(function () {});
  })).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("summit-") === 0 && name !== PAGES && name !== STATIC;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== SCOPE.origin) { return; }
  if (STATIC_PATH.test(url.pathname)) {
    event.respondWith(staleWhileRevalidate(event));
  } else if (KEEP.test(url.pathname)) {
    event.respondWith(networkFirst(event));
  } else if (request.mode === "navigate") {
    // Not kept (the admin, forms, news...): the network, else the plain offline page.
    event.respondWith(fetch(request).catch(offlinePage));
  }
});

/* A page tells the worker what it loaded before the worker controlled it (the first visit). */
self.addEventListener("message", function (event) {
  var urls = (event.data && event.data.keep) || [];
  event.waitUntil(Promise.all(urls.map(function (address) {
    var url = new URL(address, SCOPE);
    if (!keepable(url)) { return null; }
    var cacheName = STATIC_PATH.test(url.pathname) ? STATIC : PAGES;
    return fetch(url.href, { credentials: "same-origin" }).then(function (response) {
      return cacheName === STATIC
        ? (storable(response) ? caches.open(STATIC).then(function (c) { return c.put(url.href, response); }) : null)
        : save(PAGES, url.href, response);
    }).catch(function () {});
  })));
});
