"""The explorer pages of `newskg serve`: static pages, and the small JSON routes they read.

The pages (search, entity with its timeline, event, network, query page) are plain HTML and
JavaScript modules under `static/`, with the JavaScript libraries they use vendored under
`static/vendor/` (pinned in `static/vendor/VERSIONS.json`, refreshed by `tools/vendor_js.py`);
they are served at `/explore/`, and `/` leads there.  Their data comes from SPARQL queries kept
as files (`resources/common/explorer/*.rq`), run through the server's Runner, so the time limit
applies to them as to every query:

- `/api/<name>?param=value&offset=N&limit=N` runs the page query `<name>.rq` with its declared
  parameters bound by the engine (a value written `<…>` is an IRI, anything else a string, as for
  `/queries/<name>`), one page at a time: at most the query's `# Rows per page: N`, from `offset`.
  It answers `{"rows": [SPARQL JSON bindings], "offset", "limit", "more"}`, `more` saying whether
  another page follows.
- `/api/network?from=&to=&eventType=&limit=N` answers the co-participation network: the top `limit`
  (50 unless asked, at most the query's rows per page) entities by number of events shared with someone (`network_nodes.rq`), how many there are in
  all (`network_count.rq`), and the edges among the top ones (`network_edges.rq`, whose empty
  `VALUES` lists are filled with the top nodes' IRIs, each written as a checked IRI term).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from rdflib import URIRef
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..graph.queries import QueryError, check_bindings, param_value, parameters, term_text
from ..paths import PACKAGE
from .problems import HTTPProblem, run
from .runner import BadQuery, bound_values

STATIC_DIR = Path(__file__).parent / "static"
PAGE_QUERIES = PACKAGE / "resources" / "common" / "explorer"
JSON_RESULTS = ["application/sparql-results+json"]
_PAGE = re.compile(r"^#\s*Rows per page:\s*(\d+)\s*$", re.MULTILINE)
_EMPTY_VALUES = r"VALUES\s+\?{var}\s*\{{\s*\}}"
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
#: the network's page queries, run together by /api/network rather than one by one
NETWORK = ("network_nodes", "network_count", "network_edges")
#: nodes the network shows unless asked for more (at most network_nodes.rq's rows per page)
NETWORK_NODES = 50


def routes() -> list:
    """The explorer's routes, to add to the application's."""
    return [
        Route("/", _root, methods=["GET"]),
        Route("/api/network", _network, methods=["GET"]),
        Route("/api/{name}", _page_query, methods=["GET"], name="page_query"),
        Mount("/explore", _Pages(directory=STATIC_DIR, html=True), name="explore"),
    ]


#: what the pages may load and run: only this server's own files and JSON (the vis libraries add
#: their style sheets as <style> elements, hence the inline styles); no inline script, no plug-ins,
#: no framing by other sites
POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
          "form-action 'self'; frame-ancestors 'none'")


class _Pages(StaticFiles):
    """The static pages and files, each answered with the pages' content security policy: a
    name or sentence from an article that slipped into the page as markup still could not run."""

    def file_response(self, *args, **kwargs) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Content-Security-Policy"] = POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


async def _root(request: Request) -> Response:
    return RedirectResponse("/explore/", status_code=307)


class PageQuery:
    """A page query file: its text, declared parameters and rows per page."""

    def __init__(self, name: str):
        path = PAGE_QUERIES / f"{name}.rq"
        if not re.fullmatch(r"[a-z][a-z_]*", name) or not path.is_file():
            raise HTTPProblem(404, f"no explorer query named {name!r}")
        self.name, self.text = name, path.read_text(encoding="utf-8")
        self.parameters = {p.name for p in parameters(self.text)}
        m = _PAGE.search(self.text)
        self.page = int(m.group(1)) if m else 50

    def substitutions(self, given: dict[str, str]) -> dict[str, tuple[str, str]]:
        """The request's parameters as the runner's substitutions; 400 for an unknown or
        missing one, or a value `<…>` that is no IRI."""
        values = {k: param_value(v) for k, v in given.items()}
        unknown = set(values) - self.parameters
        if unknown:
            raise HTTPProblem(400, f"the explorer query {self.name!r} has no parameter "
                                   f"{', '.join(sorted(unknown))} (it takes "
                                   f"{', '.join(sorted(self.parameters)) or 'none'})")
        try:
            check_bindings(self.text, self.name, values)
        except QueryError as exc:
            raise HTTPProblem(400, str(exc)) from None
        try:
            return bound_values(values)
        except BadQuery as exc:
            raise HTTPProblem(400, str(exc)) from None

    async def rows(self, request: Request, substitutions: dict, offset: int, limit: int,
                   text: str | None = None) -> dict:
        """One page of rows: at most `limit`, from `offset`, and whether more follow."""
        query = f"{text or self.text}\nLIMIT {limit + 1} OFFSET {offset}\n"
        body, _ = await run(request.app.state.runner, query, substitutions, JSON_RESULTS)
        bindings = json.loads(body)["results"]["bindings"]
        for row in bindings:                          # the parameters' echo: not needed
            for var in substitutions:
                row.pop(var, None)
        return {"rows": bindings[:limit], "offset": offset, "limit": limit,
                "more": len(bindings) > limit}


def _paging(request: Request, page: int) -> tuple[dict[str, str], int, int]:
    """The request's parameters other than offset and limit, and those two (limit at most the
    query's page size)."""
    params = {}
    for key, value in request.query_params.multi_items():
        if key in params:
            raise HTTPProblem(400, f"the parameter {key} is given more than once")
        params[key] = value
    numbers = {}
    for key, default, top in (("offset", 0, 10**9), ("limit", page, page)):
        raw = params.pop(key, None)
        if raw is None:
            numbers[key] = default
            continue
        if not raw.isdigit() or int(raw) > top or (key == "limit" and int(raw) == 0):
            raise HTTPProblem(400, f"{key} must be a whole number from {int(key == 'limit')} "
                                   f"to {top}, not {raw!r}")
        numbers[key] = int(raw)
    return params, numbers["offset"], numbers["limit"]


async def _page_query(request: Request) -> Response:
    name = request.path_params["name"]
    if name in NETWORK:
        raise HTTPProblem(404, f"{name} is read through /api/network")
    query = PageQuery(name)
    params, offset, limit = _paging(request, query.page)
    return JSONResponse(await query.rows(request, query.substitutions(params), offset, limit))


async def _network(request: Request) -> Response:
    nodes_q, count_q, edges_q = (PageQuery(n) for n in NETWORK)
    given = "limit" in request.query_params
    params, offset, limit = _paging(request, nodes_q.page)
    limit = limit if given else NETWORK_NODES
    if offset:
        raise HTTPProblem(400, "the network has no pages: it shows the top `limit` nodes")
    for key in ("from", "to"):
        if key in params and params[key] and not _DATE.fullmatch(params[key]):
            raise HTTPProblem(400, f"{key} must be a date YYYY, YYYY-MM or YYYY-MM-DD, not "
                                   f"{params[key]!r}")
    params = {k: v for k, v in params.items() if v}          # an empty form field: no filter
    subs = nodes_q.substitutions(params)
    nodes = await nodes_q.rows(request, subs, 0, limit)
    count = await count_q.rows(request, subs, 0, 1)
    total = int(count["rows"][0]["entities"]["value"]) if count["rows"] else 0
    iris = [row["entity"]["value"] for row in nodes["rows"]]
    edges = {"rows": []}
    if iris:
        listed = " ".join(term_text(URIRef(i)) for i in iris)
        text = edges_q.text
        for var in ("a", "b"):
            text, n = re.subn(_EMPTY_VALUES.format(var=var), f"VALUES ?{var} {{ {listed} }}",
                              text)
            if n != 1:
                raise HTTPProblem(500, f"network_edges.rq must hold one empty VALUES ?{var}")
        edges = await edges_q.rows(request, subs, 0, edges_q.page, text)
    return JSONResponse({
        "nodes": [{"id": r["entity"]["value"], "label": r.get("label", {}).get("value"),
                   "kind": r.get("kind", {}).get("value"), "events": int(r["events"]["value"])}
                  for r in nodes["rows"]],
        "edges": [{"from": r["a"]["value"], "to": r["b"]["value"],
                   "shared": int(r["shared"]["value"])} for r in edges["rows"]],
        "limit": limit, "total": total, "edgesCut": edges.get("more", False),
    })
