/* The editors' partner picker: candidates while typing (name in any spelling, with kind,
   raion/Kreis and oblast to tell namesakes apart). Without JavaScript the form offers the
   candidates as a list after submitting. No framework; allowed by the CSP (script-src 'self'). */
(function () {
  "use strict";
  document.querySelectorAll("input[data-place-picker]").forEach(function (input) {
    var url = input.getAttribute("data-place-picker");
    var form = input.form;
    var choice = form.querySelector("input[type='hidden'][name$='partner_choice']");
    var country = form.querySelector("input[name$='partner_country']");
    var list = document.createElement("datalist");
    list.id = input.id + "-candidates";
    input.setAttribute("list", list.id);
    input.insertAdjacentElement("afterend", list);
    var byLabel = {};
    var timer = null;
    var latest = 0;

    function pick() {
      var hit = byLabel[input.value];
      if (hit && choice) {
        choice.value = hit.id;
        input.value = hit.name;
        input.setAttribute("data-picked-name", hit.name);
        return true;
      }
      return false;
    }

    function load() {
      var text = input.value.trim();
      if (text.length < 2) { return; }
      var query = "?q=" + encodeURIComponent(text);
      if (country && country.value) { query += "&country=" + encodeURIComponent(country.value); }
      var ticket = ++latest;
      fetch(url + query, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (ticket !== latest) { return; }
          list.textContent = "";
          byLabel = {};
          data.results.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.label;
            byLabel[item.label] = item;
            list.appendChild(option);
          });
        })
        .catch(function () { /* the list after submitting still works */ });
    }

    input.addEventListener("input", function () {
      if (pick()) { return; }
      if (choice && input.value !== input.getAttribute("data-picked-name")) { choice.value = ""; }
      clearTimeout(timer);
      timer = setTimeout(load, 200);
    });
    input.addEventListener("change", pick);
  });
})();
