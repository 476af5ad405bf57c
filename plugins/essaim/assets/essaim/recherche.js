/* Essaim: the header's search box over Pagefind. Nothing is fetched before the reader
   focuses the box: then Pagefind's code (pagefind/pagefind.js) and, for each query, only
   the index chunks it needs. Results go in Material's result list, as text: Pagefind's
   excerpts are parsed inertly and only their text and <mark> highlights are kept. */
(function () {
  "use strict";

  var box = document.querySelector("[data-essaim-search]");
  if (!box) return;
  var toggle = document.getElementById("__search");
  var input = box.querySelector("input[name=query]");
  var status = box.querySelector("[role=status]");
  var list = box.querySelector("[data-essaim-search-results]");
  var opener = document.querySelector("[data-essaim-search-open]");
  var closer = box.querySelector("[data-essaim-search-close]");
  var root = (box.getAttribute("data-essaim-root") || ".").replace(/\/?$/, "/");
  var source = new URL(box.getAttribute("data-essaim-search") + "pagefind.js", document.baseURI).href;
  var LIMIT = 10;
  var loading = null;
  var latest = 0;

  // The corpus' common words (essaim/mots-courants.json, written by the build): each is
  // in more than `courant` % of the indexed pages, so it narrows nothing and fetches one
  // of the index's largest chunks. Fetched with Pagefind's code, on first use.
  var commonSource = box.getAttribute("data-essaim-common");
  var NO_COMMON = { courant: 100, seul: 100, mots: {} };

  function fold(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // A word's share of the pages, in percent; a compound (« porte-à-porte ») takes its
  // rarest part's, as a part missing from the list is in half the pages or fewer.
  function share(common, word) {
    var parts = fold(word).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (!parts.length) return 0;
    return Math.min.apply(null, parts.map(function (part) { return common.mots[part] || 0; }));
  }

  // The query Pagefind gets: without its common words when others remain; made only of
  // common words, its rarest one, or null when even that one is in nearly every page.
  function essential(query, common) {
    var words = query.split(/[\s'’]+/).filter(Boolean);
    var kept = words.filter(function (word) { return share(common, word) <= common.courant; });
    if (kept.length) return kept.join(" ");
    var rarest = words.reduce(function (best, word) {
      return share(common, word) < share(common, best) ? word : best;
    }, words[0]);
    return share(common, rarest) > common.seul ? null : rarest;
  }

  // French: 0 and 1 take the singular.
  function plural(count, one, many) { return count + " " + (count < 2 ? one : many); }

  function loadCommon() {
    if (!commonSource) return Promise.resolve(NO_COMMON);
    return fetch(commonSource).then(function (response) {
      return response.ok ? response.json() : NO_COMMON;
    }).catch(function () { return NO_COMMON; });
  }

  function load() {
    if (!loading) {
      var common = loadCommon();
      loading = import(source).then(function (pagefind) {
        // No web worker: its 41 KB of code would come on top of the first query.
        return pagefind.options({ excerptLength: 24, noWorker: true }).then(function () {
          pagefind.init();
          return common;
        }).then(function (words) {
          return { pagefind: pagefind, common: words };
        });
      });
      loading.catch(function () {
        loading = null;
        status.textContent = "La recherche n'a pas pu être chargée.";
      });
    }
    return loading;
  }

  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
    if (opener) opener.setAttribute("aria-expanded", "true");
    load();
  }

  function close() {
    if (toggle) toggle.checked = false;
    if (opener) opener.setAttribute("aria-expanded", "false");
    input.blur();
  }

  function excerpt(markup) {
    var paragraph = document.createElement("p");
    var parsed = new DOMParser().parseFromString("<p>" + markup + "</p>", "text/html");
    Array.prototype.forEach.call(parsed.body.firstChild.childNodes, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = root + (data.raw_url || data.url).replace(/^\//, "");
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset essaim-search-result";
    var kind = document.createElement("span");
    kind.className = "essaim-search-result__kind";
    kind.textContent = (data.meta && data.meta.type) || "Page";
    var title = document.createElement("h2");
    title.textContent = (data.meta && data.meta.title) || link.href;
    article.appendChild(kind);
    article.appendChild(title);
    article.appendChild(excerpt(data.excerpt || ""));
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      list.textContent = "";
      status.textContent = "Tapez un mot, même sans accents.";
      return;
    }
    load().then(function (search) {
      var kept = essential(query, search.common);
      if (kept === null) {
        if (ticket !== latest) return null;
        list.textContent = "";
        status.textContent = "« " + query + " » est dans presque toutes les pages : " +
          "ajoutez un mot pour préciser.";
        return null;
      }
      return search.pagefind.debouncedSearch(kept, {}, 250);
    }).then(function (search) {
      if (!search || ticket !== latest) return null;
      var count = search.results.length;
      return Promise.all(search.results.slice(0, LIMIT).map(function (r) { return r.data(); }))
        .then(function (pages) {
          if (ticket !== latest) return;
          list.textContent = "";
          pages.forEach(function (data) { list.appendChild(item(data)); });
          status.textContent = count === 0 ? "Aucun résultat pour « " + query + " »" :
            plural(count, "résultat", "résultats") +
            (count > LIMIT ? " (les " + LIMIT + " premiers)" : "");
        });
    }).catch(function () { /* said in the status line by load() */ });
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", run);
  box.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { close(); if (opener) opener.focus(); }
  });
  if (opener) opener.addEventListener("click", function () { open(); input.focus(); });
  if (closer) closer.addEventListener("click", function () { close(); if (opener) opener.focus(); });
})();
