// The event page: type, participants, place, date, planned or occurred, the summit it is part of
// (and the events within it), and every evidence sentence with its article.  Data: /api/event,
// /api/event_evidence, /api/entity_articles.
import {nodeFacts, articleItem, el, entityHref, eventHref, iriParam, joined, kindName, local, pager, param,
        showError, statusName, value} from "./common.js";

const iri = param("iri");
const main = document.querySelector("main");

async function facts() {
  const of = await nodeFacts("event", iri, main);
  if (!of) return false;
  const label = of("label").map((r) => value(r, "value"))[0] || local(iri);
  document.title = `${label} · newskg`;
  document.getElementById("title").textContent = label;
  document.getElementById("types").append(...of("type")
    .filter((r) => value(r, "value") !== "https://w3id.org/newskg/ontology#Event")
    .map((r) => el("span", {class: "badge type"}, kindName(value(r, "value")))));
  const dl = document.getElementById("facts");
  const add = (term, nodes, id) => {
    if (nodes.length) dl.append(el("dt", {}, term), el("dd", {id}, ...joined(nodes)));
  };
  const link = (r, page) => el("a", {href: page(value(r, "value"))},
                               value(r, "valueLabel") || local(value(r, "value")));
  add("Date", of("date").map((r) => value(r, "value")), "date");
  add("Status", of("status").map((r) => el("span", {class: `status-${statusName(value(r, "value"))}`},
                                            statusName(value(r, "value")))), "status");
  add("Kind", of("qualifier").map((r) => value(r, "value")), "qualifier");
  add("Participants", of("participant").map((r) => link(r, entityHref)), "participants");
  add("Place", of("location").map((r) => link(r, entityHref)), "place");
  add("Organiser", of("organizer").map((r) => link(r, entityHref)), "organizer");
  add("Part of", of("partOf").map((r) => link(r, eventHref)), "part-of");
  add("Within it", of("part").map((r) => link(r, eventHref)), "parts");
  add("IRI", [el("code", {}, iri)]);
  return true;
}

function evidence(row) {
  const url = value(row, "url");
  const title = value(row, "title") || (value(row, "article") ? local(value(row, "article")) : "");
  const source = [value(row, "publisher"), (value(row, "published") || "").slice(0, 10)]
    .filter(Boolean).join(" · ");
  return el("li", {class: "evidence"},
    el("blockquote", {class: "sentence"}, value(row, "sentence")),
    title ? el("div", {class: "source"}, "— ",
      url ? el("a", {href: url, rel: "noopener", class: "article"}, title)
          : el("span", {class: "article"}, title),
      source ? ` · ${source}` : "", url ? [" · ", el("span", {class: "url"}, url)] : "") : null);
}

async function start() {
  if (!iri) {
    document.getElementById("title").textContent = "No event";
    showError(main, new Error("Open an event from an entity page."));
    return;
  }
  try {
    if (!(await facts())) return;
    await Promise.all([
      pager(document.getElementById("evidence"), "event_evidence", {iri: iriParam(iri)},
            evidence, {empty: "No evidence sentences."}),
      pager(document.getElementById("articles"), "entity_articles", {iri: iriParam(iri)},
            articleItem, {empty: "No articles."}),
    ]);
  } catch (error) {
    showError(main, error);
  }
  document.body.dataset.ready = "1";
}

start();
