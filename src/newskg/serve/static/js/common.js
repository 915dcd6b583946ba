// Shared helpers of the explorer pages: building DOM nodes safely, reading the JSON routes, paging.
// Text from the graph (names, sentences, titles) comes from news articles and is untrusted: it is
// only ever put into pages as text nodes or checked attribute values, never as HTML.

export const NKG = "https://w3id.org/newskg/ontology#";
export const KINDS = {Person: "person", Organization: "organisation", Country: "country",
                      Place: "place", Meeting: "meeting", Summit: "summit", Visit: "visit",
                      Partnership: "partnership", Event: "event", Article: "article",
                      Position: "position", Quote: "quote"};

// An element: el("a", {href: url, class: "x", data: {k: v}}, "text", child, ...).
// An href is kept only when it is http(s) or a relative page link (never javascript: and such).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "data") {
      for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
    } else if (key === "href") {
      const href = safeHref(value);
      if (href) node.setAttribute("href", href);
    } else if (key === "class") {
      node.className = value;
    } else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// The URL when it is a web address (http, https) or a link to one of these pages; else null.
export function safeHref(url) {
  try {
    const parsed = new URL(String(url), document.baseURI);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return parsed.href;
  } catch (e) { /* not a URL */ }
  return null;
}

// The last part of an IRI: its fragment or last path segment ("…#Meeting" → "Meeting").
export function local(iri) {
  const s = String(iri || "");
  return decodeURIComponent(s.slice(Math.max(s.lastIndexOf("#"), s.lastIndexOf("/")) + 1));
}

export function kindName(iri) {
  const name = local(iri);
  return KINDS[name] || name;
}

export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

export function entityHref(iri) { return "entity.html?iri=" + encodeURIComponent(iri); }
export function eventHref(iri) { return "event.html?iri=" + encodeURIComponent(iri); }

// A link to the page of a node: events to the event page, anything else to the entity page.
export function nodeLink(iri, label, isEvent = false) {
  return el("a", {href: isEvent ? eventHref(iri) : entityHref(iri)}, label || local(iri));
}

export function value(row, name) {
  return row[name] ? row[name].value : undefined;
}

// GET /api/<name> (or /api/network) with the parameters; the JSON answer, or an Error with the
// server's message.
export async function api(name, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") query.set(k, v);
  }
  const response = await fetch(new URL(`../api/${name}?${query}`, document.baseURI),
                               {headers: {Accept: "application/json"}});
  if (!response.ok) {
    throw new Error(`${response.status}: ${(await response.text()).trim()}`);
  }
  return response.json();
}

export function iriParam(iri) { return `<${iri}>`; }

export function showError(container, error) {
  container.append(el("p", {class: "error", role: "alert"}, String(error.message || error)));
}

// The facts of the node `iri` from the page query /api/<name> (rows with a "facet" column), as a
// function giving the rows of one facet; null, with the page saying so, when nothing is known of it.
export async function nodeFacts(name, iri, main) {
  const {rows} = await api(name, {iri: iriParam(iri)});
  if (!rows.length) {
    document.getElementById("title").textContent = local(iri);
    showError(main, new Error(`Nothing is known of ${iri}.`));
    return null;
  }
  return (facet) => rows.filter((r) => value(r, "facet") === facet);
}

// Fill `list` with the rows of /api/<name>, a page at a time: render(row) gives each row's node;
// a "more" button loads the next page.  onPage(rows) is told of every page (e.g. for a timeline).
// Resolves when the first page is shown.
export async function pager(list, name, params, render, {empty = "None.", onPage} = {}) {
  let offset = 0;
  const more = el("button", {type: "button", class: "more"}, "more");
  const load = async () => {
    more.disabled = true;
    try {
      const page = await api(name, {...params, offset});
      for (const row of page.rows) list.append(render(row));
      if (onPage) onPage(page.rows);
      offset += page.rows.length;
      if (!offset) list.append(empty instanceof Node ? empty : el("li", {class: "empty"}, empty));
      more.hidden = !page.more;
      list.dataset.count = String(offset);
    } catch (error) {
      showError(list, error);
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener("click", load);
  (list.closest("table") || list).after(more);
  await load();
}

// The nodes with " · " between them.
export function joined(nodes) {
  return nodes.flatMap((node, i) => (i ? [" · ", node] : [node]));
}

export function statusName(iri) {
  const name = local(iri);
  return name === "Planned" ? "planned" : name === "Occurred" ? "occurred" : name;
}

// A date of the graph ("2022-09-14", "2022-09", "2022", a date-time) as [start, end) Dates, and
// whether it names a day (a point) or a month or year (a range).
export function period(text) {
  const m = /^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(String(text || ""));
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : null, m[3] ? Number(m[3]) : null];
  if (day) return {start: new Date(Date.UTC(year, month - 1, day)), point: true};
  if (month) return {start: new Date(Date.UTC(year, month - 1, 1)),
                     end: new Date(Date.UTC(year, month, 1)), point: false};
  return {start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year + 1, 0, 1)),
          point: false};
}

// An article of /api/entity_articles: its title (a link to its URL when it has one), publisher,
// date and URL.
export function articleItem(row) {
  const url = value(row, "url");
  const title = value(row, "title") || local(value(row, "article"));
  const link = url ? el("a", {href: url, rel: "noopener", class: "article"}, title)
                   : el("span", {class: "article"}, title);
  return el("li", {}, link, el("div", {class: "source"},
    [value(row, "publisher"), (value(row, "published") || "").slice(0, 10), url]
      .filter(Boolean).join(" · ")));
}
