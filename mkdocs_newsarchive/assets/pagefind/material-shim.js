// Material's bundle asks for search/search_index.json (lunr's whole index) before it starts the search
// worker; with Pagefind the worker needs none of it, so the request is answered here with an empty index and
// never leaves the page.
(function () {
  var EMPTY = 'data:application/json,' + encodeURIComponent(JSON.stringify(
    { config: { lang: ["en"], separator: "[\\s\\-]+", pipeline: [] }, docs: [] }));
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    if (/\/search\/search_index\.json(\?|#|$)/.test(String(url))) args[1] = EMPTY;
    return open.apply(this, args);
  };
  // Material reads its search box on keyup; text that arrives without one (pasted from a menu, inserted by
  // an input method or a test driver) is searched as well.
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box instanceof HTMLInputElement && box.classList.contains("md-search__input") && !event.isComposing) {
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  }, true);
})();
