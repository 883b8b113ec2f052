// The search box of MkDocs' own themes (mkdocs, readthedocs), answered by Pagefind: this file takes the place
// of the search plugin's search/main.js, which would load lunr and the whole search_index.json. Same element
// ids, same result markup (an article with a linked title and a summary), highlighted terms added.
(function () {
  var SHOWN = 10;  // each result shown costs one fragment request
  var root = typeof base_url === "string" ? base_url : ".";
  var pagefind = null;
  var latest = 0;

  function joinUrl(base, path) {
    if (path.charAt(0) === "/") return path;
    return base.charAt(base.length - 1) === "/" ? base + path : base + "/" + path;
  }

  function load() {
    if (pagefind === null) {
      var siteRoot = new URL(joinUrl(root, ""), location.href);
      pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (module) {
        return module.options({ baseUrl: siteRoot.pathname, excerptLength: 30 }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function escapeHtml(value) {
    return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function show(pages) {
    var list = document.getElementById("mkdocs-search-results");
    if (!list) return;
    list.innerHTML = "";
    if (!pages.length) {
      var none = list.getAttribute("data-no-results-text") || "No results found";
      list.insertAdjacentHTML("beforeend", "<p>" + escapeHtml(none) + "</p>");
      return;
    }
    pages.forEach(function (data) {
      var title = (data.meta && data.meta.title) || data.url;
      list.insertAdjacentHTML("beforeend", '<article><h3><a href="' + escapeHtml(data.url) + '">' +
        escapeHtml(title) + "</a></h3><p>" + data.excerpt + "</p></article>");
    });
  }

  // A failed download (the WASM, the metadata) leaves Pagefind unusable for the page: start it afresh.
  function reset() {
    var loading = pagefind;
    pagefind = null;
    return loading === null ? Promise.resolve() :
      loading.then(function (module) { return module.destroy(); }).catch(function () {});
  }

  function doSearch(retried) {
    var input = document.getElementById("mkdocs-search-query");
    var query = input ? input.value.trim() : "";
    var asked = ++latest;
    if (!query) { show([]); return; }
    load().then(function (module) { return module.search(query); }).then(function (search) {
      return Promise.all(search.results.slice(0, SHOWN).map(function (r) { return r.data(); }));
    }).then(function (pages) {
      if (asked === latest) show(pages);
    }).catch(function (error) {
      console.error("newsarchive search:", error);
      if (retried !== true && asked === latest) reset().then(function () { doSearch(true); });  // once
    });
  }

  function init() {
    var input = document.getElementById("mkdocs-search-query");
    if (!input) return;
    input.addEventListener("keyup", doSearch);
    input.addEventListener("focus", load);
    var term = new URLSearchParams(location.search).get("q");
    if (term) { input.value = term; doSearch(); }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
