/* A one-line offer of the English page, on a Chinese page, to a browser whose first
   language is English. Never a redirect: the page at this address stays Chinese for
   everyone, so it can be cached. Shown once per browser (remembered in localStorage). */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.dataset.href) { return; }
  var storageKey = "summit:language-offer";
  var preferred = (navigator.languages && navigator.languages[0]) || navigator.language || "";
  if (preferred.toLowerCase().indexOf("en") !== 0) { return; }
  try {
    if (window.localStorage.getItem(storageKey)) { return; }
    window.localStorage.setItem(storageKey, "shown");
  } catch (error) {
    return;  // storage unavailable: rather no offer than one on every page
  }

  var bar = document.createElement("p");
  bar.className = "language-offer";
  bar.lang = "en";
  var message = document.createElement("span");
  message.appendChild(document.createTextNode(script.dataset.text + " "));
  var link = document.createElement("a");
  link.href = script.dataset.href;
  link.hreflang = "en";
  link.textContent = script.dataset.link;
  message.appendChild(link);
  bar.appendChild(message);
  var close = document.createElement("button");
  close.type = "button";
  close.className = "language-offer__close";
  close.setAttribute("aria-label", script.dataset.close);
  close.textContent = "×";
  close.addEventListener("click", function () { bar.remove(); });
  bar.appendChild(close);
  var header = document.querySelector(".site-header");
  if (header) { header.insertAdjacentElement("afterend", bar); }
})();
