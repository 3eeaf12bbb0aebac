/* Map of the register (Leaflet + markercluster from npm). No inline script: configuration
   comes from data attributes. Data texts are inserted with textContent only. */
(function () {
  "use strict";

  function tileLayer(el) {
    return L.tileLayer(el.dataset.tileUrl, {
      attribution: el.dataset.tileAttribution,
      maxZoom: 18,
    });
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

  function initRegisterMap(el) {
    var status = document.getElementById("partnership-map-status");
    var map = L.map(el, { preferCanvas: true }).setView([50.5, 20], 5);
    tileLayer(el).addTo(map);
    var clusters = L.markerClusterGroup({ chunkedLoading: true });
    var renderer = L.canvas({ padding: 0.3 });
    var lineLayer = L.layerGroup().addTo(map);
    var lines = [];
    var MAX_LINES = 1500;

    function drawLines() {
      lineLayer.clearLayers();
      var bounds = map.getBounds().pad(0.2);
      var drawn = 0;
      for (var i = 0; i < lines.length && drawn < MAX_LINES; i++) {
        var line = lines[i];
        if (!line.bounds.intersects(bounds)) continue;
        var poly = L.polyline(line.latlngs, {
          renderer: renderer,
          weight: 1.5,
          opacity: lines.length > MAX_LINES ? 0.35 : 0.7,
          color: "#0057b7",
        });
        poly.bindPopup(line.popup);
        lineLayer.addLayer(poly);
        drawn++;
      }
    }

    fetch(el.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        var partnershipsById = {};
        var actors = [];
        data.features.forEach(function (f) {
          if (f.properties.feature === "partnership") partnershipsById[f.properties.id] = f;
          else actors.push(f);
        });
        var markers = actors.map(function (a) {
          var c = a.geometry.coordinates;
          var marker = L.marker([c[1], c[0]], { title: a.properties.name, alt: a.properties.name });
          marker.bindPopup(function () { return actorPopup(a, partnershipsById, el); });
          return marker;
        });
        clusters.addLayers(markers);
        map.addLayer(clusters);
        Object.keys(partnershipsById).forEach(function (id) {
          var p = partnershipsById[id];
          if (!p.geometry) return;
          var latlngs = p.geometry.coordinates.map(function (c) { return [c[1], c[0]]; });
          var popup = document.createElement("div");
          popup.appendChild(link(p.properties.url, p.properties.title));
          lines.push({ latlngs: latlngs, bounds: L.latLngBounds(latlngs), popup: popup });
        });
        if (markers.length) map.fitBounds(clusters.getBounds().pad(0.1));
        drawLines();
        map.on("moveend", drawLines);
        if (status) {
          status.textContent =
            Object.keys(partnershipsById).length + " " + el.dataset.labelPartnerships;
        }
      })
      .catch(function () {
        if (status) status.textContent = el.dataset.labelError;
      });
  }

  function initPortraitMap(el) {
    var points = Array.prototype.slice.call(document.querySelectorAll("[data-lat][data-lon]"));
    if (!points.length) return;
    var map = L.map(el, { scrollWheelZoom: false });
    tileLayer(el).addTo(map);
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

  var register = document.getElementById("partnership-map");
  if (register) initRegisterMap(register);
  var portrait = document.getElementById("portrait-map");
  if (portrait) initPortraitMap(portrait);
})();
