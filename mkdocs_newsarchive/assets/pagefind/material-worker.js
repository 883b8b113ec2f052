// Material for MkDocs' search worker, answered by Pagefind: Material's bundle starts this worker from the
// URL in `__config.search` and speaks its message protocol (SETUP, READY, QUERY, RESULT), so the header
// search keeps Material's own input, keyboard handling and result list.
var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
// The best results get their fragment fetched; each one is a request, and Material shows ten at first.
var SHOWN = 10;
var params = new URL(self.location.href).searchParams;
var language = params.get("lang") || "en";
// Pagefind reads the page's language from `document`, which a worker lacks: without it, Chinese queries
// would not be segmented.
self.document = { querySelector: function () { return { getAttribute: function () { return language; } }; } };
var ready = null;
var latest = 0;

function load() {
  if (ready === null) {
    ready = import(new URL("pagefind.js", self.location.href).href).then(function (pagefind) {
      var root = new URL("../", self.location.href).pathname;
      return pagefind.options({ baseUrl: root, excerptLength: 30 }).then(function () { return pagefind; });
    });
  }
  return ready;
}

function escapeHtml(value) {
  return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// Material's query syntax (wildcards, presence and fields) means nothing to Pagefind.
function plainQuery(value) {
  return value.replace(/[*+~^]|(^|\s)-|\w+:/g, " ").replace(/\s+/g, " ").trim();
}

function asItem(data, score, terms) {
  var title = (data.meta && data.meta.title) || data.url;
  var date = data.meta && data.meta.date ? "<small>" + escapeHtml(data.meta.date) + "</small> " : "";
  return [{ location: data.url, title: escapeHtml(title), text: "<p>" + date + data.excerpt + "</p>",
            score: score, terms: terms }];
}

// A failed download (the WASM, the metadata) leaves Pagefind unusable for the page: start it afresh.
function reset() {
  var loading = ready;
  ready = null;
  return loading === null ? Promise.resolve() :
    loading.then(function (pagefind) { return pagefind.destroy(); }).catch(function () {});
}

function answer(value, retried) {
  var asked = ++latest;
  var query = plainQuery(value);
  if (!query) {
    self.postMessage({ type: RESULT, data: { items: [] } });
    return;
  }
  load().then(function (pagefind) {
    return pagefind.search(query);
  }).then(function (search) {
    var best = search.results.slice(0, SHOWN);
    return Promise.all(best.map(function (result) { return result.data(); })).then(function (pages) {
      if (asked !== latest) return;  // a newer query has been typed meanwhile
      var terms = {};
      query.split(" ").forEach(function (term) { terms[term] = true; });
      var items = pages.map(function (data, i) { return asItem(data, best[i].score, terms); });
      self.postMessage({ type: RESULT, data: { items: items, total: search.results.length } });
    });
  }).catch(function (error) {
    console.error("newsarchive search:", error);
    if (!retried && asked === latest) reset().then(function () { answer(value, true); });  // once
  });
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    load().then(function () { self.postMessage({ type: READY }); });
  } else if (message.type === QUERY) {
    answer(message.data);
  }
});
