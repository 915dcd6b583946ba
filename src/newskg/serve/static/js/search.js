// The search page: names and aliases → entity pages (the data: /api/search, search.rq).
import {el, entityHref, kindName, pager, param, value} from "./common.js";

const form = document.getElementById("search");
const input = document.getElementById("q");
const results = document.getElementById("results");

function render(row) {
  const label = value(row, "label") || value(row, "matched");
  const matched = value(row, "matched");
  return el("li", {},
    el("a", {href: entityHref(value(row, "entity")), class: "result"}, label),
    " ", el("span", {class: "badge"}, kindName(value(row, "kind"))),
    matched && matched !== label ? el("span", {class: "muted"}, ` also “${matched}”`) : null);
}

async function search(q) {
  delete document.body.dataset.ready;
  results.replaceChildren();
  document.querySelectorAll("button.more").forEach((b) => b.remove());
  delete results.dataset.count;
  if (!q.trim()) return;
  await pager(results, "search", {q: q.trim()}, render, {empty: `Nothing is named “${q}”.`});
  document.body.dataset.ready = "1";
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
  search(input.value);
});

const initial = param("q");
if (initial) {
  input.value = initial;
  search(initial);
}
