"""Browser-side probes of the partnership map, shared by the map-scale journey and the
map benchmark (``bench/partnerships/bench_map_browser.py``)."""

# map.js keeps its Leaflet maps private; hook L.Map as soon as Leaflet defines window.L.
CAPTURE_MAPS = """
(() => {
  window.__maps = [];
  let real;
  Object.defineProperty(window, "L", {
    configurable: true,
    get() { return real; },
    set(value) {
      real = value;
      if (value && value.Map && !value.__hooked) {
        value.__hooked = true;
        value.Map.addInitHook(function () { window.__maps.push(this); });
      }
    },
  });
})();
"""

# The partnership map (the page may have other maps) in JS expressions.
MAP = 'window.__maps.find((m) => m.getContainer().id === "partnership-map")'

# What the map draws now.
DRAWN = f"""
() => {{
  const map = {MAP};
  let lines = 0;
  map.eachLayer((l) => {{
    if (l instanceof L.Polyline && l.options.pane !== "boundaries") lines++;
  }});
  const root = map.getContainer();
  return {{
    zoom: map.getZoom(),
    icons: root.querySelectorAll(".leaflet-marker-icon").length,
    clusters: root.querySelectorAll(".marker-cluster").length,
    lines: lines,
    svgPaths: root.querySelectorAll(".leaflet-overlay-pane path").length,
    canvases: root.querySelectorAll(".leaflet-overlay-pane canvas").length,
    domNodes: document.getElementsByTagName("*").length,
  }};
}}
"""
