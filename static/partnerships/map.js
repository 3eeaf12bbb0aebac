/* Map of the register (Leaflet + markercluster from npm). No inline script: configuration
   comes from data attributes. Data texts are inserted with textContent only. */
(function () {
  "use strict";

  /* The tiles over a base layer of simplified borders served by the portal itself
     (countries of Europe, the Kreise of NRW, the oblasts of Ukraine): without a tile
     server, in tests, or when the tile host is down the map still shows where things are
     instead of a grey square. The borders lie in their own pane under the tile pane. */
  var BOUNDARY_STYLES = {
    country: { color: "#8d99a6", weight: 0.8, fillColor: "#f3f1ea", fillOpacity: 1 },
    kreis: { color: "#6f7f8f", weight: 0.7, fillColor: "#e6edf5", fillOpacity: 1 },
    oblast: { color: "#6f7f8f", weight: 0.7, fillColor: "#f6efd6", fillOpacity: 1 },
  };

  var BOUNDARY_ATTRIBUTION =
    "Grenzen: © Geobasis NRW (dl-de/zero-2-0), ukrainian_geodata (CC BY 4.0), Natural Earth";

  function boundaryLayer(map, el) {
    var url = el.dataset.boundariesUrl || "/api/grenzen.geojson";
    var pane = map.createPane("boundaries");
    pane.style.zIndex = 150; // under the tiles (200), over nothing
    map.getContainer().classList.add("has-boundaries");
    var renderer = L.canvas({ pane: "boundaries" });
    fetch(url, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        L.geoJSON(data, {
          pane: "boundaries",
          attribution: BOUNDARY_ATTRIBUTION,
          renderer: renderer,
          interactive: false,
          style: function (feature) {
            return BOUNDARY_STYLES[feature.properties.layer] || BOUNDARY_STYLES.country;
          },
        }).addTo(map);
        el.dataset.boundaries = "ready";
      })
      .catch(function () {
        el.dataset.boundaries = "error";
      });
  }

  function baseLayers(map, el) {
    // Leaflet's zoom buttons are titled in English; the page gives them its language.
    var labels = document.body.dataset;
    if (map.zoomControl && labels.labelZoomIn) {
      map.removeControl(map.zoomControl);
      map.zoomControl = L.control
        .zoom({ zoomInTitle: labels.labelZoomIn, zoomOutTitle: labels.labelZoomOut })
        .addTo(map);
    }
    boundaryLayer(map, el);
    if (!el.dataset.tileUrl) return;
    L.tileLayer(el.dataset.tileUrl, {
      attribution: el.dataset.tileAttribution,
      maxZoom: 18,
    }).addTo(map);
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function actorPopup(actor, partnershipsById, el) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.appendChild(link(actor.properties.url, actor.properties.name));
    box.appendChild(title);
    if (actor.properties.sensitive) {
      var note = document.createElement("p");
      note.textContent = el.dataset.labelSensitive;
      box.appendChild(note);
    }
    var list = document.createElement("ul");
    actor.properties.partnerships.forEach(function (id) {
      var p = partnershipsById[id];
      if (!p) return;
      var li = document.createElement("li");
      li.appendChild(link(p.properties.url, p.properties.title));
      li.appendChild(document.createTextNode(" (" + p.properties.kind_label + ")"));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  // "21 партнерство", "5 партнерств": the forms come from the catalogue (data-count-forms,
  // one per plural category), the category from the page language's plural rules.
  function countText(el, n) {
    var lang = document.documentElement.lang || "de";
    var forms = JSON.parse(el.dataset.countForms || "{}");
    var category = new Intl.PluralRules(lang).select(n);
    var form = forms[category] || forms.other || "{n}";
    return form.replace("{n}", n.toLocaleString(lang));
  }

  function linePopup(line, partnershipsById, el) {
    var box = document.createElement("div");
    if (line.ids.length > 1) {
      var count = document.createElement("strong");
      count.textContent = countText(el, line.ids.length);
      box.appendChild(count);
    }
    var list = document.createElement("ul");
    line.ids.slice(0, POPUP_LINKS).forEach(function (id) {
      var p = partnershipsById[id];
      var li = document.createElement("li");
      li.appendChild(link(p.properties.url, p.properties.title));
      list.appendChild(li);
    });
    box.appendChild(list);
    if (line.ids.length > POPUP_LINKS) {
      var more = document.createElement("p");
      more.textContent = "+ " + (line.ids.length - POPUP_LINKS) + " " + el.dataset.labelMore;
      box.appendChild(more);
    }
    return box;
  }

  var POPUP_LINKS = 10;
  var MAX_LINES = 600;
  var FAR_ZOOM = 4;

  /* The register map scales to thousands of partnerships:
     - markers are clustered (markercluster, chunked so the page stays responsive);
     - lines are drawn between what the map shows at the current zoom: partnerships whose
       ends fall into the same two clusters become one line (thicker for more; its popup lists
       them), lines inside one cluster are left out, ends outside the view are bundled by a
       coarser cluster, and only lines crossing the view are drawn, on one canvas;
     - the view is fitted before clustering starts, so clusters are built once. */
  function initRegisterMap(el) {
    var status = document.getElementById("partnership-map-status");
    var map = L.map(el, { preferCanvas: true }).setView([50.5, 20], 5);
    baseLayers(map, el);
    var renderer = L.canvas({ padding: 0.3 });
    var lineLayer = L.layerGroup().addTo(map);
    var partnershipsById = {};
    var lines = []; // {ids: [partnership id], ends: [marker, ...]}
    var clusters = null;
    el.dataset.state = "loading";

    function shownAt(marker, zoom) {
      // The marker itself or the cluster that stands for it at ``zoom``.
      var c = marker;
      while (c.__parent && c.__parent._zoom >= zoom) c = c.__parent;
      return c;
    }

    function aggregate(view) {
      // One line per pair of shown ends. An end outside the view stands for the cluster it
      // belongs to at FAR_ZOOM, so lines leaving the view to distant places are bundled too.
      var zoom = map.getZoom();
      var farZoom = Math.min(zoom, FAR_ZOOM);
      var byPair = {};
      var result = [];
      function shownEnd(marker) {
        var near = shownAt(marker, zoom);
        if (view.contains(near.getLatLng())) return near;
        var far = shownAt(marker, farZoom);
        return view.contains(far.getLatLng()) ? near : far;
      }
      lines.forEach(function (line) {
        var shown = line.ends.map(shownEnd);
        for (var i = 0; i + 1 < shown.length; i++) {
          var a = shown[i], b = shown[i + 1];
          if (a === b) continue; // both ends in one cluster: nothing to draw
          var ka = L.stamp(a), kb = L.stamp(b);
          var key = ka < kb ? ka + ":" + kb : kb + ":" + ka;
          var agg = byPair[key];
          if (!agg) {
            var latlngs = [a.getLatLng(), b.getLatLng()];
            agg = byPair[key] = { latlngs: latlngs, bounds: L.latLngBounds(latlngs), ids: [] };
            result.push(agg);
          }
          if (agg.ids[agg.ids.length - 1] !== line.id) agg.ids.push(line.id);
        }
      });
      result.sort(function (x, y) { return y.ids.length - x.ids.length; });
      return result;
    }

    function drawLines() {
      var view = map.getBounds().pad(0.2);
      var shown = aggregate(view);
      lineLayer.clearLayers();
      var drawn = 0;
      for (var i = 0; i < shown.length && drawn < MAX_LINES; i++) {
        var line = shown[i];
        if (!line.bounds.intersects(view)) continue;
        var n = line.ids.length;
        var poly = L.polyline(line.latlngs, {
          renderer: renderer,
          weight: Math.min(8, 1.5 + Math.log(n) / Math.LN2),
          opacity: n > 1 ? 0.6 : 0.75,
          color: "#0057b7",
        });
        poly.bindPopup(linePopup.bind(null, line, partnershipsById, el));
        lineLayer.addLayer(poly);
        drawn++;
      }
    }

    function ready() {
      map.on("moveend", drawLines);
      drawLines();
      if (status) {
        status.textContent = countText(el, Object.keys(partnershipsById).length);
      }
      el.dataset.state = "ready";
    }

    function failed() {
      if (status) status.textContent = el.dataset.labelError;
      el.dataset.state = "error";
    }

    fetch(el.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        var actors = [];
        data.features.forEach(function (f) {
          if (f.properties.feature === "partnership") partnershipsById[f.properties.id] = f;
          else actors.push(f);
        });
        var markerByPoint = {};
        var markers = actors.map(function (a) {
          var c = a.geometry.coordinates;
          var marker = L.marker([c[1], c[0]], { title: a.properties.name, alt: a.properties.name });
          marker.bindPopup(function () { return actorPopup(a, partnershipsById, el); });
          markerByPoint[c[0] + "," + c[1]] = marker;
          return marker;
        });
        Object.keys(partnershipsById).forEach(function (id) {
          var p = partnershipsById[id];
          if (!p.geometry) return;
          var ends = [];
          p.geometry.coordinates.forEach(function (c) {
            var m = markerByPoint[c[0] + "," + c[1]];
            if (m) ends.push(m);
          });
          if (ends.length >= 2) lines.push({ id: p.properties.id, ends: ends });
        });
        if (!markers.length) {
          ready();
          return;
        }
        var bounds = L.latLngBounds(markers.map(function (m) { return m.getLatLng(); }));
        map.fitBounds(bounds.pad(0.1), { animate: false, maxZoom: 10 });
        clusters = L.markerClusterGroup({
          chunkedLoading: true,
          chunkInterval: 30,
          chunkDelay: 5,
          chunkProgress: function (processed, total) {
            // Called once more before the last clusters are placed: finish after that.
            if (total === markers.length && processed === total) setTimeout(ready, 0);
          },
        });
        map.addLayer(clusters);
        // Give the browser a turn between building the markers and clustering them.
        setTimeout(function () { clusters.addLayers(markers); }, 0);
      })
      .catch(failed);
  }

  function initPortraitMap(el) {
    var points = Array.prototype.slice.call(document.querySelectorAll("[data-lat][data-lon]"));
    if (!points.length) return;
    var map = L.map(el, { scrollWheelZoom: false });
    baseLayers(map, el);
    var latlngs = points.map(function (p) {
      var ll = [parseFloat(p.dataset.lat), parseFloat(p.dataset.lon)];
      // Decorative: the partners are listed as links beside the map (no nested controls).
      L.marker(ll, { title: p.dataset.name, alt: p.dataset.name, keyboard: false, interactive: false }).addTo(map);
      return ll;
    });
    if (latlngs.length > 1) {
      L.polyline(latlngs, { color: "#0057b7", weight: 2 }).addTo(map);
      map.fitBounds(L.latLngBounds(latlngs).pad(0.3));
    } else {
      map.setView(latlngs[0], 8);
    }
  }

  /* The partner search's layer: one marker per published search profile (clustered). */
  function initProfileMap(el) {
    var status = document.getElementById(el.id + "-status");
    var map = L.map(el, { scrollWheelZoom: false }).setView([50.5, 20], 5);
    baseLayers(map, el);
    el.dataset.state = "loading";
    fetch(el.dataset.url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        var clusters = L.markerClusterGroup();
        var markers = data[el.dataset.key || "profiles"].map(function (p) {
          var marker = L.marker([p.point[1], p.point[0]], { title: p.name, alt: p.name });
          marker.bindPopup(function () {
            var box = document.createElement("div");
            var title = document.createElement("strong");
            title.appendChild(link(p.url, p.name));
            box.appendChild(title);
            var kind = document.createElement("p");
            kind.textContent = p.kind;
            box.appendChild(kind);
            if (p.sensitive) {
              var note = document.createElement("p");
              note.textContent = el.dataset.labelSensitive;
              box.appendChild(note);
            }
            box.appendChild(link(p.contact_url, el.dataset.labelContact));
            return box;
          });
          return marker;
        });
        clusters.addLayers(markers);
        map.addLayer(clusters);
        if (markers.length) {
          var bounds = L.latLngBounds(markers.map(function (m) { return m.getLatLng(); }));
          map.fitBounds(bounds.pad(0.2), { animate: false, maxZoom: 9 });
        }
        if (status) status.textContent = countText(el, markers.length);
        el.dataset.state = "ready";
      })
      .catch(function () {
        if (status) status.textContent = el.dataset.labelError;
        el.dataset.state = "error";
      });
  }

  var register = document.getElementById("partnership-map");
  if (register) initRegisterMap(register);
  var portrait = document.getElementById("portrait-map");
  if (portrait) initPortraitMap(portrait);
  var profiles = document.getElementById("profile-map");
  if (profiles) initProfileMap(profiles);
  /* The Bedarfsbörse's layer: needs and offers at their actor's centre (same markers). */
  var exchange = document.getElementById("exchange-map");
  if (exchange) initProfileMap(exchange);
})();
