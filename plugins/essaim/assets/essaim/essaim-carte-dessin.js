/* Essaim: how a map is drawn, loaded by essaim-carte.js with Leaflet (only on pages with
   a map). The background (essaim-fond.js: départements and régions, delta-coded) goes in
   its own pane under the tiles; carte/ is a widget with French controls, named clusters
   and popups that take the focus and give it back; a mini-map is a still image with
   nothing focusable inside, its credits in the figure's caption. */
(function () {
  "use strict";

  var PRECISIONS = ["adresse", "commune", "departement"];
  var fond = null;
  // The theme's colour, as Material sets it on the body (canvas and SVG need a value).
  var primary = "#00695c";

  // Decode the background once per page: rings of [lat, lon] from delta-coded integers.
  function start(raw) {
    if (fond) return;
    primary = getComputedStyle(document.body).getPropertyValue("--md-primary-fg-color").trim() ||
      primary;
    var scale = raw.echelle;
    function decode(items) {
      return items.map(function (item) {
        return [item[0], item[1], item[2].map(function (flat) {
          var ring = [], x = 0, y = 0;
          for (var i = 0; i < flat.length; i += 2) {
            x += flat[i]; y += flat[i + 1];
            ring.push([y / scale, x / scale]);
          }
          return ring;
        })];
      });
    }
    fond = { departements: decode(raw.departements), regions: decode(raw.regions) };
  }

  function drawBackground(map) {
    // Its own pane under Leaflet's tile pane (z-index 200): tiles, if any, cover it.
    map.createPane("essaim-fond").style.zIndex = 150;
    var renderer = L.canvas({ pane: "essaim-fond", padding: 0.5 });
    function draw(items, style) {
      items.forEach(function (item) {
        L.polygon(item[2], L.extend({ renderer: renderer, interactive: false }, style)).addTo(map);
      });
    }
    draw(fond.departements, { color: "#9c9486", weight: 0.8, fillColor: "#f7f4ec", fillOpacity: 1 });
    draw(fond.regions, { color: "#6b6457", weight: 1.8, fill: false });
  }

  // A widget (carte/) or a still image (mini-maps: no control, nothing to focus).
  function newMap(container, config, still) {
    var map = L.map(container, { scrollWheelZoom: !still, zoomSnap: 0.25, maxZoom: 18,
      zoomControl: false, attributionControl: !still, dragging: !still, touchZoom: !still,
      doubleClickZoom: !still, boxZoom: !still, keyboard: !still });
    drawBackground(map);
    if (config.tuiles) {
      L.tileLayer(config.tuiles, { maxZoom: 18, attribution: config.attribution }).addTo(map);
    }
    if (still) return map;
    L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com/" hreflang="en">Leaflet</a>');
    map.attributionControl.addAttribution(config.sources);
    popupFocus(map);
    return map;
  }

  // A popup takes the focus (its link), Escape closes it, and the focus goes back to
  // the marker that opened it.
  function popupFocus(map) {
    map.on("popupopen", function (event) {
      var node = event.popup.getElement();
      var close = node.querySelector(".leaflet-popup-close-button");
      if (close) { close.setAttribute("aria-label", "Fermer"); close.title = "Fermer"; }
      if (!node.essaimKeys) {  // a marker's popup keeps its element when reopened
        node.essaimKeys = true;
        node.addEventListener("keydown", function (key) {
          if (key.key === "Escape") { key.stopPropagation(); map.closePopup(); }
        });
      }
      var link = node.querySelector("a.essaim-popup__title");
      if (link) link.focus({ preventScroll: true });
    });
    map.on("popupclose", function (event) {
      var node = event.popup.getElement(), active = document.activeElement;
      var icon = event.popup._source && event.popup._source._icon;
      var inside = !active || active === document.body || (node && node.contains(active));
      if (icon && inside) icon.focus({ preventScroll: true });
    });
  }

  // « 5 fiches autour de Mende »: the commune of the fiche nearest the cluster's centre,
  // among its first SAMPLE fiches (nearest levels first): naming every cluster of 10,000
  // fiches at each zoom must stay cheap. _markers and _childClusters are
  // Leaflet.markercluster 1.5.3's own (vendored, pinned).
  var SAMPLE = 60;
  function around(cluster) {
    var centre = cluster.getLatLng(), best = null, distance = Infinity, seen = 0;
    var queue = [cluster];
    while (queue.length && seen < SAMPLE) {
      var node = queue.shift();
      (node._markers || []).forEach(function (child) {
        seen += 1;
        if (!child.essaimLieu) return;
        var d = centre.distanceTo(child.getLatLng());
        if (d < distance) { distance = d; best = child.essaimLieu; }
      });
      queue = queue.concat(node._childClusters || []);
    }
    if (!best) return "";
    var name = best.replace(/^Le /, "du ").replace(/^Les /, "des ");
    return " autour " + (name === best ? "de " + best : name);
  }

  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var box = document.createElement("div"), label = Essaim.element("span", "essaim-sr",
      count + " fiches" + around(cluster));
    box.appendChild(label);
    var number = Essaim.element("span", "", String(count));
    number.setAttribute("aria-hidden", "true");
    box.appendChild(number);
    return L.divIcon({ html: box, className: "marker-cluster marker-cluster-" + size,
      iconSize: L.point(40, 40) });
  }

  function clusters() {
    return L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45,
      chunkedLoading: true, spiderfyOnMaxZoom: true, iconCreateFunction: clusterIcon });
  }

  // A mini-map's dots: drawn, not focusable, not clickable (the figure's link is).
  function dot(point) {
    var precise = PRECISIONS[point[2]] !== "departement";
    return L.circleMarker([point[0], point[1]], { interactive: false, radius: 6, weight: 2,
      color: precise ? "#fff" : primary, fillColor: primary, dashArray: precise ? null : "3 2",
      fillOpacity: precise ? 1 : 0.25, className: "essaim-dot" });
  }

  function credits(figure, config) {
    var node = figure.querySelector("[data-essaim-credits]");
    if (!node) return;
    // Site-written HTML only (the plugin's sources, the configured tiles' credit).
    node.innerHTML = (config.tuiles ? config.attribution + " ; " : "") + config.sources;
  }

  // The image's text alternative says what it shows: its legend, then what is on it.
  function describe(figure, what) {
    var image = figure.querySelector(".essaim-map");
    image.setAttribute("aria-label", image.getAttribute("aria-label") + " — " + what);
    image.removeAttribute("tabindex");
  }

  window.EssaimDessin = { start: start, newMap: newMap, clusters: clusters, dot: dot,
    credits: credits, describe: describe };
})();
