"""The `newskg serve` web application (Starlette) and its start under uvicorn.

Routes: `/sparql` (also `/query`) is the SPARQL 1.1 Protocol endpoint — GET `?query=`, POST an
`application/sparql-query` body or a form with `query=` (and `default-graph-uri` /
`named-graph-uri`), the service description when no query is given; updates (POST
`application/sparql-update` or a form with `update=`, also at `/update`) are refused with 403
unless the server was started with `--allow-update` and a token file, and then need
`Authorization: Bearer <token>`.  `/queries` lists the saved queries (JSON) and
`/queries/<name>?param=value` runs one, its parameters bound by the engine as `newskg query
--param` binds them.  `/` and `/explore/` are the explorer pages, `/api/…` their data
(`explorer`).  Every request body or query string is at most `max_request` bytes (413 / 414 past
it).
"""
from __future__ import annotations

import asyncio
import contextlib
import hmac
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..graph.queries import (QueryError, check_bindings, param_value, parameters, saved_queries,
                             summary)
from .explorer import routes as explorer_routes
from .problems import HTTPProblem, run
from .protocol import accepted, service_description
from .runner import BadQuery, QueryTimeout, Runner, WorkerError, bound_values
from .source import Source

#: the endpoint's paths: `/sparql`, and `/query` as Oxigraph server names it
QUERY_PATHS = ("/sparql", "/query")
FORM = "application/x-www-form-urlencoded"


@dataclass
class Settings:
    """How a server runs: see `newskg serve --help`."""
    prefixes: dict[str, str]
    workers: int = 2
    timeout: float = 30.0
    token: str | None = None            # updates are allowed (with this bearer token) when set
    cors: list[str] = field(default_factory=list)
    max_request: int = 1 << 20


def create_app(source: Source, settings: Settings) -> Starlette:
    """The application serving `source`, which it closes when it shuts down (uvicorn ends the
    process with the signal that stopped it right after, so no later code would run)."""

    @contextlib.asynccontextmanager
    async def lifespan(app):
        runner = Runner(source.folder, settings.prefixes, settings.workers, settings.timeout,
                        writable=settings.token is not None)
        app.state.runner = runner
        try:
            # every worker opens the folder now: the first queries are not slower, and a folder
            # that cannot be opened stops the start with its message
            await asyncio.gather(*(runner.query("ASK {}") for _ in range(settings.workers)))
            yield
        finally:
            runner.close()
            source.close()

    routes = [Route(p, _endpoint, methods=["GET", "POST"]) for p in QUERY_PATHS]
    routes.append(Route("/update", _update_only, methods=["GET", "POST"]))
    routes.append(Route("/queries", _saved_index, methods=["GET"]))
    routes.append(Route("/queries/{name}", _saved, methods=["GET", "POST"], name="saved"))
    routes.extend(explorer_routes())         # the explorer pages and their JSON (explorer.py)
    middleware = []
    if settings.cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=settings.cors,
                                     allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Authorization", "Content-Type"]))
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPProblem: _problem})
    app.state.settings = settings
    return app


async def _problem(request: Request, exc: HTTPProblem) -> Response:
    return PlainTextResponse(exc.message.rstrip("\n") + "\n", exc.status, headers=exc.headers)


async def _params(request: Request, settings: Settings) -> dict[str, list[str]]:
    """The request's protocol parameters: the URL's, plus a form body's, with a
    `application/sparql-query` / `-update` body as `query` / `update`."""
    if len(request.url.query.encode()) > settings.max_request:
        raise HTTPProblem(414, f"the query string is longer than this server's limit of "
                               f"{settings.max_request} bytes; send the query with POST")
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method != "POST":
        return params
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await _body(request, settings.max_request)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPProblem(400, "the request body is not UTF-8") from None
    if kind == "application/sparql-query":
        params["query"] = [text]
    elif kind == "application/sparql-update":
        params["update"] = [text]
    elif kind == FORM:
        for key, values in parse_qs(text, keep_blank_values=True).items():
            params.setdefault(key, []).extend(values)
    else:
        raise HTTPProblem(415, f"a POST body must be application/sparql-query, "
                               f"application/sparql-update or {FORM}, not {kind or 'untyped'}")
    return params


async def _body(request: Request, limit: int) -> bytes:
    too_big = HTTPProblem(413, f"the request body is larger than this server's limit of "
                               f"{limit} bytes (newskg serve --max-request-size)")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


async def _endpoint(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    params = await _params(request, settings)
    if "update" in params:
        if request.method != "POST":
            raise HTTPProblem(405, "an update is sent with POST", {"Allow": "POST"})
        return await _update(request, settings, params["update"][0])
    if "query" not in params:
        if params:
            raise HTTPProblem(400, "no query: give query=… (or POST an application/sparql-query "
                                   "body)")
        body = service_description(str(request.url.replace(query="")), settings.token is not None)
        return Response(body, media_type="text/turtle")
    if len(params["query"]) > 1:
        raise HTTPProblem(400, "more than one query= parameter")
    return await answer(request, params["query"][0], {}, params.get("default-graph-uri", []),
                        params.get("named-graph-uri", []))


async def answer(request: Request, text: str, substitutions: dict, default_graphs=(),
                 named_graphs=()) -> Response:
    """Run a query and answer with its results in the format the request accepts."""
    body, media_type = await run(request.app.state.runner, text, substitutions,
                                 accepted(request.headers.get("accept")), default_graphs,
                                 named_graphs)
    return Response(body, headers={"Content-Type": media_type})


async def _saved_index(request: Request) -> Response:
    """The saved queries: name, what each answers, its text, its parameters and its URL."""
    out = []
    for name, path in saved_queries().items():
        text = path.read_text(encoding="utf-8")
        out.append({"name": name, "summary": summary(text), "query": text,
                    "url": str(request.url_for("saved", name=name)),
                    "parameters": [{"name": p.name, "required": p.required,
                                    "description": p.description} for p in parameters(text)]})
    return JSONResponse(out)


async def _update_only(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    if request.method != "POST":
        raise HTTPProblem(405, "an update is sent with POST", {"Allow": "POST"})
    params = await _params(request, settings)
    if params.get("update") is None:
        raise HTTPProblem(400, "no update: send an application/sparql-update body or a form "
                               "with update=")
    return await _update(request, settings, params["update"][0])


async def _saved(request: Request) -> Response:
    """Run the saved query `name` with the request's parameters bound by the engine."""
    settings: Settings = request.app.state.settings
    name = request.path_params["name"]
    saved = saved_queries()
    if name not in saved:
        raise HTTPProblem(404, f"no saved query named {name!r}; saved queries: "
                               f"{', '.join(saved)}")
    text = saved[name].read_text(encoding="utf-8")
    values = {}
    for key, given in (await _params(request, settings)).items():
        var = key.lstrip("?$")
        if not var.isidentifier():
            raise HTTPProblem(400, f"{key!r} is not a parameter name")
        if len(given) > 1:
            raise HTTPProblem(400, f"the parameter {var} is given {len(given)} times")
        values[var] = param_value(given[0])
    try:
        check_bindings(text, name, values)
    except QueryError as exc:
        raise HTTPProblem(400, str(exc)) from None
    try:
        bound = bound_values(values)
    except BadQuery as exc:
        raise HTTPProblem(400, str(exc)) from None
    return await answer(request, text, bound)


async def _update(request: Request, settings: Settings, text: str) -> Response:
    if settings.token is None:
        raise HTTPProblem(403, "this endpoint is read-only: updates are refused (start newskg "
                               "serve with --allow-update --token-file FILE to allow them)")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                             settings.token.encode()):
        raise HTTPProblem(401, "an update needs the header Authorization: Bearer <token>, with "
                               "the token of the server's --token-file",
                          {"WWW-Authenticate": 'Bearer realm="newskg"'})
    runner: Runner = request.app.state.runner
    try:
        await runner.update(text)
    except BadQuery as exc:
        raise HTTPProblem(400, f"malformed update: {exc}") from None
    except QueryTimeout as exc:
        raise HTTPProblem(503, str(exc).replace("query", "update")) from None
    except (WorkerError, OSError, RuntimeError) as exc:
        raise HTTPProblem(500, f"the update failed: {exc}") from None
    return Response(status_code=204)


def serve(source: Source, settings: Settings, host: str = "127.0.0.1", port: int = 7878,
          log_level: str = "info") -> None:
    """Serve `source` with uvicorn until interrupted (Ctrl-C or SIGTERM)."""
    import uvicorn
    uvicorn.run(create_app(source, settings), host=host, port=port, log_level=log_level)
