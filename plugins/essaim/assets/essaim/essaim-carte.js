/* Essaim: the map of carte/ and the mini-maps of territory, theme and fiche pages.
   Leaflet and Leaflet.markercluster are vendored next to this script and loaded only on
   pages that hold a map (mini-maps: once they scroll into view). The fiches come from
   fiches/liste.js (window.essaimListe, shared with the listing) and carte/points.js
   (window.essaimCarte: one position per row of liste.js, in the same order, and the tiles).
   Values from fiches reach the page as text only (textContent); links go to the site's own
   pages. The filters are the listing's (essaim.js), which announces each change.
   Every map is drawn on the site's own background (essaim-fond.js: départements and
   régions), so it reads with no tile server; tiles, when configured, go on top.
   carte/ is a widget (French controls, named clusters, popups that take the focus and
   give it back); a mini-map is a still image (role="img", nothing focusable inside) whose
   figure links to carte/. */
(function () {
  "use strict";

  var script = document.currentScript;
  var BASE = script ? script.src.replace(/[^\/?#]*([?#].*)?$/, "") : "";
  var VENDOR = BASE + "vendor/";
  var PRECISIONS = ["adresse", "commune", "departement"];
  // Overseas départements are far from the mainland: each gets its own view.
  var ZONES = [
    ["", "France métropolitaine", [[41.35, -5.15], [51.1, 9.57]]],
    ["971", "Guadeloupe", [[15.8, -61.85], [16.55, -61.15]]],
    ["972", "Martinique", [[14.38, -61.25], [14.9, -60.8]]],
    ["973", "Guyane", [[2.1, -54.6], [5.8, -51.6]]],
    ["974", "La Réunion", [[-21.4, 55.2], [-20.85, 55.85]]],
    ["976", "Mayotte", [[-13.05, 44.95], [-12.6, 45.35]]]
  ];
  var loaded = {};
  var D = null;  // essaim-carte-dessin.js, once loaded

  function load(url) {
    if (!loaded[url]) {
      loaded[url] = new Promise(function (resolve, reject) {
        var css = /\.css$/.test(url);
        var node = document.createElement(css ? "link" : "script");
        if (css) { node.rel = "stylesheet"; node.href = url; } else { node.src = url; }
        node.onload = resolve;
        node.onerror = function () { reject(new Error(url)); };
        document.head.appendChild(node);
      });
    }
    return loaded[url];
  }

  function leaflet() {
    ["leaflet/leaflet.css", "leaflet.markercluster/MarkerCluster.css",
      "leaflet.markercluster/MarkerCluster.Default.css"].forEach(function (css) {
      load(VENDOR + css);
    });
    return Promise.all([load(VENDOR + "leaflet/leaflet.js").then(function () {
      return load(VENDOR + "leaflet.markercluster/leaflet.markercluster.js");
    }), load(BASE + "essaim-carte-dessin.js"), load(BASE + "essaim-fond.js")]).then(function () {
      D = window.EssaimDessin;
      D.start(window.essaimFond);
    });
  }

  function settings(root) {
    return window.essaimCarte ? Promise.resolve() : load(root + "carte/points.js");
  }

  function data(root) {
    return settings(root).then(function () {
      return window.essaimListe ? null : load(root + window.essaimCarte.donnees);
    });
  }

  function zoneOf(row) {
    var code = row[Essaim.columns.DEPARTEMENTS][0] || "";
    for (var i = 1; i < ZONES.length; i += 1) if (ZONES[i][0] === code) return i;
    return 0;
  }

  function popup(row, point, root) {
    var E = Essaim, C = E.columns, labels = window.essaimListe.labels;
    var box = E.element("div", "essaim-popup");
    var title = E.element("a", "essaim-popup__title", row[C.TITLE]);
    title.href = root + row[C.URL];
    box.appendChild(title);
    if (row[C.STRUCTURE]) box.appendChild(E.element("span", "essaim-popup__line", row[C.STRUCTURE]));
    var place = point[3] + (PRECISIONS[point[2]] === "departement"
      ? " (position approximative : chef-lieu du département)" : "");
    box.appendChild(E.element("span", "essaim-popup__line essaim-muted", place));
    var themes = row[C.THEMES].map(function (slug) { return labels.theme[slug] || slug; });
    if (themes.length) box.appendChild(E.element("span", "essaim-popup__line", themes.join(", ")));
    return box;
  }

  function marker(row, point, root) {
    var precision = PRECISIONS[point[2]];
    var icon = L.divIcon({ className: "essaim-pin essaim-pin--" + precision, iconSize: [16, 16] });
    var title = row[Essaim.columns.TITLE];
    var item = L.marker([point[0], point[1]], { icon: icon, title: title, keyboard: true });
    item.bindPopup(function () { return popup(row, point, root); }, { maxWidth: 280 });
    item.essaimLieu = precision === "departement" ? "" : point[3];
    return item;
  }

  function zoneBar(container, map) {
    var bar = Essaim.element("div", "essaim-zones");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Régions de la carte");
    var status = Essaim.element("span", "essaim-zones__count");
    status.setAttribute("aria-live", "polite");
    bar.appendChild(status);
    var buttons = ZONES.map(function (zone) {
      var button = Essaim.element("button", "md-button essaim-zones__button");
      button.type = "button";
      button.addEventListener("click", function () {
        map.fitBounds(zone[2]);
        buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
      });
      bar.appendChild(button);
      return button;
    });
    buttons[0].setAttribute("aria-pressed", "true");
    container.parentNode.insertBefore(bar, container);
    return function (total, counts) {
      status.textContent = total + (total > 1 ? " fiches sur la carte" : " fiche sur la carte") +
        " :";
      buttons.forEach(function (button, i) {
        button.textContent = ZONES[i][1] + " (" + counts[i] + ")";
        // Material's buttons are inline-blocks, which the hidden attribute does not beat.
        button.style.display = i > 0 && !counts[i] ? "none" : "";
      });
    };
  }

  function bigMap(container) {
    var root = container.getAttribute("data-essaim-root") || "";
    var listing = document.querySelector("[data-essaim-listing]");
    return Promise.all([leaflet(), data(root)]).then(function () {
      var config = window.essaimCarte, rows = window.essaimListe.fiches;
      var map = D.newMap(container, config, false);
      map.fitBounds(ZONES[0][2]);  // a view first: the clusters are computed for one
      var group = D.clusters().addTo(map);
      var markers = rows.map(function (row, i) {
        return config.points[i] ? marker(row, config.points[i], root) : null;
      });
      var zones = rows.map(zoneOf);
      var update = zoneBar(container, map);
      function show(found) {
        var layers = [], counts = ZONES.map(function () { return 0; });
        (found || rows.map(function (row, i) { return i; })).forEach(function (i) {
          if (!markers[i]) return;
          layers.push(markers[i]);
          counts[zones[i]] += 1;
        });
        group.clearLayers();
        group.addLayers(layers);
        container.setAttribute("data-essaim-shown", String(layers.length));
        update(layers.length, counts);
      }
      if (listing) listing.addEventListener("essaim:filtre", function (event) { show(event.detail); });
      show(listing ? listing.essaimFound : null);
    });
  }

  // A fiche's map: its own place, from the page; only the settings are loaded.
  function ficheMap(figure, root) {
    return Promise.all([leaflet(), settings(root)]).then(function () {
      var point = [+figure.getAttribute("data-lat"), +figure.getAttribute("data-lon")];
      var precision = figure.getAttribute("data-precision");
      var map = D.newMap(figure.querySelector(".essaim-map"), window.essaimCarte, true);
      map.setView(point, precision !== "departement" ? 8 : 7);
      D.dot([point[0], point[1], PRECISIONS.indexOf(precision)]).addTo(map);
      D.credits(figure, window.essaimCarte);
      D.describe(figure, figure.getAttribute("data-lieu") + (precision === "departement"
        ? " (chef-lieu du département)" : ""));
    });
  }

  function miniMap(figure) {
    var root = figure.getAttribute("data-essaim-root") || "";
    if (figure.hasAttribute("data-lat")) return ficheMap(figure, root);
    var active = {};
    active[figure.getAttribute("data-filtre")] = figure.getAttribute("data-valeur");
    return Promise.all([leaflet(), data(root)]).then(function () {
      var config = window.essaimCarte, rows = window.essaimListe.fiches;
      var points = [], precise = false;
      rows.forEach(function (row, i) {
        var point = config.points[i];
        if (!point || !Essaim.matches(row, active, "", "")) return;
        points.push(point);
        precise = precise || PRECISIONS[point[2]] !== "departement";
      });
      if (!points.length) { figure.hidden = true; return; }
      var map = D.newMap(figure.querySelector(".essaim-map"), config, true);
      var bounds = points.map(function (p) { return [p[0], p[1]]; });
      // Never closer than a département's scale: the image shows where, among neighbours.
      if (bounds.length === 1) map.setView(bounds[0], precise ? 8 : 7);
      else map.fitBounds(bounds, { padding: [24, 24], maxZoom: 8 });
      points.forEach(function (point) { D.dot(point).addTo(map); });
      D.credits(figure, config);
      D.describe(figure, points.length + (points.length > 1 ? " fiches" : " fiche"));
    });
  }

  function failed(container) {
    return function (error) {
      if (window.console) window.console.error("essaim: carte", error);
      container.textContent = "";
      container.appendChild(Essaim.element("p", "essaim-map__notice",
        "La carte n'a pas pu être chargée ; la liste des fiches reste disponible."));
    };
  }

  function start() {
    if (!window.Essaim) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-essaim-map]"), function (node) {
      bigMap(node).catch(failed(node));
    });
    var minis = document.querySelectorAll("[data-essaim-minimap]");
    var draw = function (figure) { miniMap(figure).catch(failed(figure)); };
    if (!("IntersectionObserver" in window)) return Array.prototype.forEach.call(minis, draw);
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        draw(entry.target);
      });
    }, { rootMargin: "200px" });
    Array.prototype.forEach.call(minis, function (figure) { observer.observe(figure); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
