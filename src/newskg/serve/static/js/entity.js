// The entity page: types, names in each language, Wikidata link, positions, events on a timeline
// (vis-timeline, planned and occurred told apart), quotes and articles.  Data: /api/entity,
// /api/entity_events, /api/entity_quotes, /api/entity_articles.
import {nodeFacts, articleItem, el, eventHref, entityHref, iriParam, joined, kindName, local, pager, param, period,
        showError, statusName, value} from "./common.js";

const iri = param("iri");
const main = document.querySelector("main");

async function facts() {
  const of = await nodeFacts("entity", iri, main);
  if (!of) return false;
  const labels = of("label");
  const title = labels.find((r) => r.value["xml:lang"] === "en") || labels[0];
  const name = title ? value(title, "value") : local(iri);
  document.title = `${name} · newskg`;
  document.getElementById("title").textContent = name;
  document.getElementById("types").append(
    ...of("type").map((r) => el("span", {class: "badge"}, kindName(value(r, "value")))));
  const dl = document.getElementById("facts");
  const add = (term, ...details) => {
    if (details.length) dl.append(el("dt", {}, term), el("dd", {}, ...details));
  };
  const named = (r) => `${value(r, "value")}${r.value["xml:lang"] ? ` (${r.value["xml:lang"]})` : ""}`;
  add("Names", ...joined(labels.map(named)));
  const aliases = of("altLabel").map(named);
  if (aliases.length) add("Seen as", aliases.join(" · "));
  const links = of("sameAs").map((r) => value(r, "value"));
  add("Wikidata", ...joined(links.map((link) =>
    el("a", {href: link, rel: "noopener", class: "wikidata"}, local(link)))));
  const positions = of("position").map((r) => el("span", {class: "position"}, value(r, "value"),
    value(r, "of") ? [" of ", el("a", {href: entityHref(value(r, "of"))},
                                   value(r, "ofLabel") || local(value(r, "of")))] : null));
  add("Positions", ...joined(positions));
  add("IRI", el("code", {}, iri));
  return true;
}

function timeline() {
  const container = document.getElementById("timeline");
  const items = new vis.DataSet();
  const chart = new vis.Timeline(container, items, {
    stack: true, zoomKey: "ctrlKey", orientation: "top", margin: {item: 6},
    tooltip: {followMouse: true},
  });
  window.newskgTimeline = chart;
  const table = document.getElementById("events");
  let undated = 0;
  const render = (row) => {
    const event = value(row, "event");
    const label = value(row, "label") || local(event);
    const status = statusName(value(row, "status"));
    const place = value(row, "placeLabel");
    const date = value(row, "date");
    const when = period(date);
    if (when) {
      const content = el("a", {href: eventHref(event), class: "event",
                               data: {event, date, status: status || "", place: place || ""}},
                         label, place ? ` · ${place}` : "");
      items.add({
        id: event, content, start: when.start, end: when.point ? undefined : when.end,
        type: when.point ? "box" : "range", className: `status-${status || "unknown"}`,
        title: `${label}${place ? ` · ${place}` : ""} · ${date} · ${status || "status unknown"}`,
      });
    } else {
      undated += 1;
    }
    return el("tr", {},
      el("td", {}, date || "—"),
      el("td", {}, el("a", {href: eventHref(event)}, label)),
      el("td", {}, kindName(value(row, "type"))),
      el("td", {}, status || ""),
      el("td", {}, place || ""),
      el("td", {}, value(row, "role")));
  };
  const drawn = () => {
    container.dataset.items = String(items.length);
    container.dataset.undated = String(undated);
    if (items.length) chart.fit({animation: false});
  };
  return pager(table, "entity_events", {iri: iriParam(iri)}, render, {
    onPage: drawn, empty: el("tr", {}, el("td", {colspan: 6, class: "empty"}, "No events."))});
}

function quote(row) {
  const url = value(row, "url");
  const title = value(row, "title") || value(row, "article");
  return el("li", {}, el("blockquote", {}, `“${value(row, "text")}”`),
    value(row, "article") ? el("div", {class: "source"}, "— ",
      url ? el("a", {href: url, rel: "noopener"}, title) : title,
      value(row, "published") ? `, ${value(row, "published").slice(0, 10)}` : "") : null);
}

async function main_() {
  if (!iri) {
    document.getElementById("title").textContent = "No entity";
    showError(main, new Error("Open an entity from the search page."));
    return;
  }
  try {
    if (!(await facts())) return;
    await Promise.all([
      timeline(),
      pager(document.getElementById("quotes"), "entity_quotes", {iri: iriParam(iri)}, quote,
            {empty: "No quotes."}),
      pager(document.getElementById("articles"), "entity_articles", {iri: iriParam(iri)},
            articleItem, {empty: "No articles."}),
    ]);
  } catch (error) {
    showError(main, error);
  }
  document.body.dataset.ready = "1";
}

main_();
