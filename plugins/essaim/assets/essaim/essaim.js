/* Essaim: the filters of the fiche listing, in the browser, without a server.
   The fiches come from liste.js (window.essaimListe); the filters' state lives in the URL
   (?theme=sante&statut=en-cours) so that a filtered list can be shared. Values from fiches
   only ever reach the page as text (textContent), never as HTML. */
(function () {
  "use strict";

  var STEP = 50;
  // The columns of a row of liste.js, in order.
  var URL = 0, TITLE = 1, STRUCTURE = 2, PLACE = 3, STATUS = 4, THEMES = 5, PUBLICS = 6,
    PARTNERS = 7, REGIONS = 8, DEPARTEMENTS = 9, SUMMARY = 10;
  var COLUMN = { theme: THEMES, "public": PUBLICS, partenaire: PARTNERS, region: REGIONS,
    departement: DEPARTEMENTS, statut: STATUS, url: URL };
  // Columns that hold one value rather than a list.
  var SINGLE = { statut: true, url: true };

  // As the build folds (domain.text.fold): no accents, no case, punctuation as spaces.
  function fold(text) {
    return text.replace(/œ/g, "oe").replace(/Œ/g, "OE").replace(/æ/g, "ae").replace(/Æ/g, "AE")
      .replace(/ß/g, "ss").replace(/ø/g, "o")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^0-9a-z]+/g, " ").trim();
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function card(row, data, root) {
    var item = element("li", "essaim-card");
    var title = element("a", "essaim-card__title", row[TITLE]);
    title.href = root + row[URL];
    item.appendChild(title);
    var meta = element("span", "essaim-card__meta",
      [row[STRUCTURE], row[PLACE]].filter(Boolean).join(" · "));
    if (row[STATUS]) {
      meta.appendChild(document.createTextNode(meta.textContent ? " · " : ""));
      meta.appendChild(element("span", "essaim-status essaim-status--" + row[STATUS],
        data.labels.statut[row[STATUS]] || row[STATUS]));
    }
    item.appendChild(meta);
    if (row[SUMMARY]) item.appendChild(element("span", "essaim-card__summary", row[SUMMARY]));
    if (row[THEMES].length) {
      var chips = element("span", "essaim-chips");
      row[THEMES].forEach(function (slug) {
        var chip = element("a", "essaim-chip", data.labels.theme[slug] || slug);
        chip.href = root + "themes/" + encodeURIComponent(slug) + "/";
        chips.appendChild(chip);
      });
      item.appendChild(chips);
    }
    return item;
  }

  function matches(row, active, query, text) {
    for (var key in active) {
      if (SINGLE[key]) {
        if (row[COLUMN[key]] !== active[key]) return false;
      } else if (row[COLUMN[key]].indexOf(active[key]) < 0) {
        return false;
      }
    }
    if (!query) return true;
    // Every word of the query starts some word of the fiche (text: " word word ...").
    return query.split(" ").every(function (word) { return text.indexOf(" " + word) >= 0; });
  }

  // mots.js: the corpus' sorted words, and for each fiche the positions of its words in
  // that list, as base-36 gaps (pages/words.py). Decoded once, into sorted arrays.
  function dictionary(words) {
    var vocabulary = words.mots ? words.mots.split(" ") : [];
    var fiches = words.fiches.map(function (row) {
      var positions = [], at = 0;
      if (row) row.split(",").forEach(function (gap) { at += parseInt(gap, 36); positions.push(at); });
      return positions;
    });
    return { vocabulary: vocabulary, fiches: fiches };
  }

  // The positions [low, high) of the sorted words that start with ``start``.
  function range(vocabulary, start) {
    var low = 0, high = vocabulary.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (vocabulary[middle] < start) low = middle + 1; else high = middle;
    }
    var end = low;
    while (end < vocabulary.length && vocabulary[end].lastIndexOf(start, 0) === 0) end += 1;
    return [low, end];
  }

  function holds(positions, span) {
    var low = 0, high = positions.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (positions[middle] < span[0]) low = middle + 1; else high = middle;
    }
    return low < positions.length && positions[low] < span[1];
  }

  // Other views of the same fiches (the map) follow the filters: null means every fiche.
  function announce(listing, found) {
    listing.essaimFound = found;
    listing.dispatchEvent(new CustomEvent("essaim:filtre", { detail: found }));
  }

  function setUp(listing, data) {
    var form = listing.querySelector("[data-essaim-filters]");
    var counter = listing.querySelector("[data-essaim-count]");
    var results = listing.querySelector("[data-essaim-results]");
    var pager = listing.querySelector("[data-essaim-pager]");
    if (!form || !counter || !results) return;
    var root = listing.getAttribute("data-essaim-root") || "";
    // Until mots.js (every field and the body's words) has loaded: the card's own words.
    var texts = data.fiches.map(function (row) {
      return " " + fold([row[TITLE], row[STRUCTURE], row[PLACE], row[SUMMARY]].join(" "));
    });
    var wordsUri = listing.getAttribute("data-essaim-words");
    var wordsLoading = false, words = null;

    // Every word of the query starts some word of the fiche: ``spans`` are the ranges of
    // the sorted words that each query word starts (computed once per query).
    function keyword(position, query, spans) {
      if (!query) return true;
      if (!spans) return matches(data.fiches[position], {}, query, texts[position]);
      return spans.every(function (span) { return holds(words.fiches[position], span); });
    }

    function loadWords() {
      if (wordsLoading || !wordsUri) return;
      wordsLoading = true;
      var script = document.createElement("script");
      script.src = wordsUri;
      script.onload = function () {
        var loaded = window.essaimMots;
        if (!loaded || !loaded.fiches || loaded.fiches.length !== data.fiches.length) return;
        words = dictionary(loaded);
        apply();
      };
      document.head.appendChild(script);
    }
    var staticItems = Array.prototype.slice.call(results.children);
    var staticCount = counter.textContent;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var search = form.querySelector("input[name=q]");
    var more = element("button", "md-button essaim-more", "");
    more.type = "button";
    more.hidden = true;
    var found = [];
    var shown = 0;

    function showMore() {
      var end = Math.min(found.length, shown + STEP);
      for (; shown < end; shown += 1) results.appendChild(card(data.fiches[found[shown]], data, root));
      more.hidden = shown >= found.length;
      var next = Math.min(STEP, found.length - shown);
      more.textContent = "Afficher " + next + (next < 2 ? " fiche de plus" : " fiches de plus");
    }

    var folder = form.querySelector("[data-essaim-more]");
    var activeCount = form.querySelector("[data-essaim-active]");
    // Wide screens show every filter; small ones keep them folded until asked.
    if (folder && window.matchMedia && window.matchMedia("(min-width: 60em)").matches) folder.open = true;

    function apply() {
      var active = {};
      selects.forEach(function (select) { if (select.value) active[select.name] = select.value; });
      var chosen = Object.keys(active).length;
      if (activeCount) activeCount.textContent = chosen ? "(" + chosen + (chosen < 2 ? " actif)" : " actifs)") : "";
      var raw = search ? search.value.trim() : "";
      if (raw) loadWords();
      var query = fold(raw);
      var filtering = raw || Object.keys(active).length;
      var params = new URLSearchParams();
      Object.keys(active).forEach(function (key) { params.set(key, active[key]); });
      if (raw) params.set("q", raw);
      var next = params.toString();
      window.history.replaceState(null, "", next ? "?" + next : window.location.pathname);
      results.textContent = "";
      if (!filtering) {
        announce(listing, null);
        staticItems.forEach(function (item) { results.appendChild(item); });
        counter.textContent = staticCount;
        if (pager) pager.hidden = false;
        more.hidden = true;
        return;
      }
      if (pager) pager.hidden = true;
      found = [];
      var spans = words && query ? query.split(" ").map(function (start) {
        return range(words.vocabulary, start);
      }) : null;
      data.fiches.forEach(function (row, position) {
        if (matches(row, active, "", "") && keyword(position, query, spans)) found.push(position);
      });
      announce(listing, found);
      shown = 0;
      counter.textContent = found.length + (found.length < 2 ? " fiche" : " fiches") +
        " sur " + data.fiches.length;
      showMore();
    }

    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      if (params.has(select.name)) select.value = params.get(select.name);
    });
    if (search && params.has("q")) search.value = params.get("q");
    results.parentNode.insertBefore(more, results.nextSibling);
    more.addEventListener("click", showMore);
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  // Shared with essaim-carte.js, so that the map filters exactly as the listing does.
  window.Essaim = {
    columns: { URL: URL, TITLE: TITLE, STRUCTURE: STRUCTURE, PLACE: PLACE, STATUS: STATUS,
      THEMES: THEMES, DEPARTEMENTS: DEPARTEMENTS },
    element: element,
    matches: matches
  };

  // Material wraps wide tables in a scrolling box: keyboard readers must reach it to scroll.
  function scrollableTables() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"),
      function (wrap) {
        if (wrap.scrollWidth <= wrap.clientWidth || wrap.hasAttribute("tabindex")) return;
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", caption ? caption.textContent : "Tableau");
      });
  }

  function start() {
    scrollableTables();
    if (!window.essaimListe) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-essaim-listing]"),
      function (listing) { setUp(listing, window.essaimListe); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
