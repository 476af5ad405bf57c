/* Essaim: filters of the fiche listing, in the browser, no server. The state lives in the
   URL (?theme=sante&statut=en-cours) so that a filtered list can be shared. */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function hasValue(item, key, value) {
    return (" " + (item.getAttribute("data-" + key) || "") + " ").indexOf(" " + value + " ") >= 0;
  }

  function setUp(listing) {
    var form = listing.querySelector("[data-essaim-filters]");
    var counter = listing.querySelector("[data-essaim-count]");
    if (!form || !counter) return;
    var items = Array.prototype.slice.call(listing.querySelectorAll("[data-essaim-item]"));
    var texts = items.map(function (item) { return fold(item.textContent); });
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var search = form.querySelector("input[name=q]");
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      if (params.has(select.name)) select.value = params.get(select.name);
    });
    if (search && params.has("q")) search.value = params.get("q");
    form.hidden = false;

    function apply() {
      var active = selects.filter(function (select) { return select.value; });
      var query = search ? fold(search.value.trim()) : "";
      var shown = 0;
      items.forEach(function (item, position) {
        var visible = active.every(function (select) {
          return hasValue(item, select.name, select.value);
        }) && (!query || texts[position].indexOf(query) >= 0);
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      counter.textContent = shown + (shown > 1 ? " fiches" : " fiche") +
        (shown < items.length ? " sur " + items.length : "");
      var next = new URLSearchParams();
      active.forEach(function (select) { next.set(select.name, select.value); });
      if (search && search.value.trim()) next.set("q", search.value.trim());
      var query_string = next.toString();
      window.history.replaceState(null, "", query_string ? "?" + query_string : window.location.pathname);
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-essaim-listing]"), setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
