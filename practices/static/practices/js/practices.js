// The catalogue's progressive enhancements. Everything works without this file.
// 1. “Trova il tuo Comune”: fills the input's <datalist> with suggestions from the finder's JSON endpoint.
// 2. Catalogue: changing the sort order submits the form (the URL stays the shareable GET URL).
// 3. Catalogue: the filter panel (closed in the HTML, for phones) is opened on wide screens.
(function () {
  "use strict";

  function debounce(fn, wait) {
    let timer = null;
    return function (...args) {
      clearTimeout(timer);
      timer = setTimeout(() => fn.apply(this, args), wait);
    };
  }

  document.querySelectorAll("form.comune-finder-form").forEach((form) => {
    const input = form.querySelector(".comune-input");
    const list = form.querySelector("datalist");
    const url = form.dataset.suggestUrl;
    if (!input || !list || !url) return;
    let last = "";
    input.addEventListener("input", debounce(() => {
      const text = input.value.trim();
      if (text.length < 2 || text === last) return;
      last = text;
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : { suggestions: [] }))
        .then((data) => {
          list.replaceChildren(...data.suggestions.map((item) => {
            const option = document.createElement("option");
            option.value = item.label;
            option.textContent = item.province;
            return option;
          }));
        })
        .catch(() => {});
    }, 200));
  });

  const catalogue = document.getElementById("practice-catalogue");
  if (catalogue) {
    const sort = catalogue.querySelector("#practice-sort");
    if (sort) sort.addEventListener("change", () => catalogue.requestSubmit());
    const filters = catalogue.querySelector("#practice-filters");
    if (filters && window.matchMedia("(min-width: 992px)").matches) filters.open = true;
  }
})();
