// "Copy" buttons on the admin's WeChat page: a button's data-copy names the element to
// copy. A preview is copied as HTML (with its inline styles) and as text; a textarea as text.
(function () {
  "use strict";

  function selectAndCopy(source) {
    if (source.select) {
      source.select();
    } else {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    return document.execCommand("copy");
  }

  function copy(source) {
    var isText = source.tagName === "TEXTAREA";
    var text = isText ? source.value : source.innerText;
    if (navigator.clipboard && window.ClipboardItem && !isText) {
      var item = new ClipboardItem({
        "text/html": new Blob([source.innerHTML], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" })
      });
      return navigator.clipboard.write([item]);
    }
    if (navigator.clipboard && isText) {
      return navigator.clipboard.writeText(text);
    }
    // Plain http or an older browser: the selection carries the styles too.
    return selectAndCopy(source) ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) {
      return;
    }
    var id = button.getAttribute("data-copy");
    var source = document.getElementById(id);
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    copy(source).then(function () {
      status.textContent = button.getAttribute("data-copied");
    }, function () {
      status.textContent = selectAndCopy(source)
        ? button.getAttribute("data-copied") : button.getAttribute("data-failed");
    });
  });
})();
