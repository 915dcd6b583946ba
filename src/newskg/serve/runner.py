"""Running SPARQL for `newskg serve` in a small pool of worker processes, each with its own
read-only handle on the served folder.

pyoxigraph cannot stop a running query from Python, so a query past the time limit is stopped by
ending the process that runs it; pebble's ProcessPool does that and starts a replacement, and the
other workers go on answering meanwhile.  Each worker opens the folder on its first query and, before
every query, lists the folder's files (a few dozen names: microseconds) and opens it afresh when they
have changed: articles another process (`newskg extract --into DIR`) writes meanwhile appear without
a restart, and once the writer has finished every worker answers from its last state (a worker that
checked only once a second could answer from an older state than another worker just did).  Updates, when the
server allows them, run in a pool of one worker that holds the folder for writing.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import time
from concurrent.futures import CancelledError
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from pebble import ProcessExpired, ProcessPool

from .protocol import NotAcceptable, choose

#: attempts at opening a folder another process is writing (a file may vanish under the opening)
OPEN_ATTEMPTS = 3


class BadQuery(ValueError):
    """A query or update the SPARQL parser rejects (HTTP 400); the parser's message is kept."""


class QueryTimeout(Exception):
    """A query stopped at the time limit (HTTP 503)."""


class WorkerError(Exception):
    """A worker could not run the query: the store could not be opened, or the worker died."""


def bound_values(values: dict) -> dict[str, tuple[str, str]]:
    """Parameter values (`newskg.graph.queries.param_value`'s: a URIRef for `<…>`, else a string)
    as the runner's substitutions, ("iri", text) or ("literal", text); BadQuery for a `<…>`
    that is no IRI."""
    out = {}
    for var, value in values.items():
        if not isinstance(value, URIRef):      # a URIRef is a str too: ask for it first
            out[var] = ("literal", str(value))
            continue
        try:
            ox.NamedNode(str(value))
        except ValueError:
            raise BadQuery(f"{var}: {str(value)!r} is not an IRI") from None
        out[var] = ("iri", str(value))
    return out


# -- in a worker process ------------------------------------------------------------------------

class _Folder:
    """A worker's handle on the served folder, opened afresh when the folder's files change."""

    def __init__(self, folder: str, writable: bool):
        self.folder, self.writable = folder, writable
        self.store, self.seen = None, None

    def current(self) -> ox.Store:
        if self.store is None or not self.writable:
            seen = _files(self.folder)
            if self.store is None or seen != self.seen:
                self.store = None
                self.store = self._open()
                self.seen = seen
        return self.store

    def _open(self) -> ox.Store:
        for attempt in range(OPEN_ATTEMPTS):
            try:
                return ox.Store(self.folder) if self.writable else ox.Store.read_only(self.folder)
            except (OSError, RuntimeError) as exc:
                if attempt == OPEN_ATTEMPTS - 1:
                    raise WorkerError(f"cannot open the store {self.folder}: {exc}") from None
                time.sleep(0.05)
        raise AssertionError("unreachable")


def _files(folder: str) -> tuple:
    """What changes in an Oxigraph (RocksDB) folder when it is written: its files' names, sizes
    and times, leaving out the lock and the info logs a read-only opening writes itself."""
    out = []
    with os.scandir(folder) as entries:
        for e in entries:
            if e.name == "LOCK" or e.name.startswith("LOG"):
                continue
            st = e.stat()
            out.append((e.name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(out))


_FOLDERS: dict[tuple[str, bool], _Folder] = {}


def _store(folder: str, writable: bool) -> ox.Store:
    key = (folder, writable)
    if key not in _FOLDERS:
        # pebble stops a worker with SIGTERM, whose Python handler cannot run while the engine's
        # Rust code runs (it waits 3 s, then kills): the default action ends the process at once,
        # which loses nothing here (a read-only handle; an unfinished update is never committed)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _FOLDERS[key] = _Folder(folder, writable)
    return _FOLDERS[key].current()


def run_query(folder: str, text: str, substitutions: dict[str, tuple[str, str]],
              media_types: list[str], prefixes: dict[str, str],
              default_graphs: list[str], named_graphs: list[str]) -> tuple[bytes, str]:
    """Run a query on the folder (in a worker): the answer serialized in the first format of
    `media_types` that fits it, and that format's media type.

    `substitutions` binds variables to values, each ("iri", text) or ("literal", text), by the
    engine (pyoxigraph's `substitutions`), as `newskg query --param` does.
    """
    store = _store(folder, writable=False)
    values = {ox.Variable(name): ox.NamedNode(value) if kind == "iri" else ox.Literal(value)
              for name, (kind, value) in substitutions.items()}
    dataset = {}
    if default_graphs:
        dataset["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        result = store.query(text, prefixes=prefixes, substitutions=values, **dataset)
    except SyntaxError as exc:
        raise BadQuery(str(exc)) from None
    if isinstance(result, ox.QueryTriples):
        fmt = choose("graph", media_types)
        return ox.serialize(result, format=fmt, prefixes=prefixes), fmt.media_type
    fmt = choose("results", media_types)
    return result.serialize(format=fmt), fmt.media_type


def run_update(folder: str, text: str, prefixes: dict[str, str]) -> None:
    """Run an update on the folder (in the writing worker), in one transaction."""
    store = _store(folder, writable=True)
    try:
        store.update(text, prefixes=prefixes)
    except SyntaxError as exc:
        raise BadQuery(str(exc)) from None
    store.flush()


# -- in the server ------------------------------------------------------------------------------

class Runner:
    """The worker pools of one served folder: `workers` processes for queries, and one for
    updates when `writable`; every task is stopped after `timeout` seconds."""

    def __init__(self, folder: Path, prefixes: dict[str, str], workers: int = 2,
                 timeout: float = 30.0, writable: bool = False):
        self.folder, self.prefixes, self.timeout = str(folder), dict(prefixes), timeout
        context = multiprocessing.get_context("forkserver")   # no fork of a threaded server
        context.set_forkserver_preload([__name__])    # a replacement worker starts ready to run
        self._readers = ProcessPool(max_workers=workers, context=context)
        self._writer = ProcessPool(max_workers=1, context=context) if writable else None

    async def query(self, text: str, substitutions: dict | None = None,
                    media_types: list[str] | None = None, default_graphs=(), named_graphs=()
                    ) -> tuple[bytes, str]:
        return await self._run(self._readers, run_query, self.folder, text, substitutions or {},
                               media_types or ["*/*"], self.prefixes, list(default_graphs),
                               list(named_graphs))

    async def update(self, text: str) -> None:
        if self._writer is None:
            raise PermissionError("this server is read-only")
        await self._run(self._writer, run_update, self.folder, text, self.prefixes)

    async def _run(self, pool: ProcessPool, function, *args):
        future = pool.schedule(function, args, timeout=self.timeout)
        try:
            return await asyncio.wrap_future(future)
        except TimeoutError:
            raise QueryTimeout(f"the query ran longer than the time limit of {self.timeout:g} s "
                               f"and was stopped") from None
        except ProcessExpired as exc:
            raise WorkerError(f"the worker running the query ended ({exc})") from None
        except asyncio.CancelledError:       # the client went away: stop its query too
            future.cancel()
            raise
        except CancelledError:
            raise WorkerError("the query was cancelled") from None

    def close(self) -> None:
        for pool in (self._readers, self._writer):
            if pool is not None:
                pool.stop()
                pool.join(timeout=10)
