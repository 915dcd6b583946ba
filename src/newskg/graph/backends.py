"""`open_store`: the one place where a backend is chosen for where a user keeps a graph."""
from __future__ import annotations

import os

from ..vocab.namespaces import DEFAULT_BASE
from .memory import MemoryStore
from .oxigraph import OxigraphStore
from .remote import Endpoint, EndpointStore
from .store import Store

#: the temporary stores a graph can be built in (benchmarks/RESULTS.md compares them)
STORES = ("oxigraph-disk", "oxigraph", "memory")
DEFAULT_STORE = "oxigraph-disk"   # measured: benchmarks/RESULTS.md


def open_store(kind: str = DEFAULT_STORE, base: str = DEFAULT_BASE,
               path: str | os.PathLike | None = None, endpoint: str | Endpoint | None = None,
               read_only: bool = False) -> Store:
    """The store for a folder (`path`: an Oxigraph store folder, created when missing unless
    `read_only`), an endpoint (its URL or an `Endpoint`), or else a temporary store of `kind`.

    >>> open_store("memory").kind, open_store("oxigraph").count()
    ('memory', 0)
    >>> open_store("virtuoso")
    Traceback (most recent call last):
    ...
    ValueError: unknown store 'virtuoso'; choose one of: oxigraph-disk, oxigraph, memory
    """
    if path is not None and endpoint is not None:
        raise ValueError("give a store folder (path) or an endpoint, not both")
    if endpoint is not None:
        endpoint = endpoint if isinstance(endpoint, Endpoint) else Endpoint.from_url(endpoint)
        return EndpointStore(endpoint, base, read_only)
    if path is not None:
        return OxigraphStore(base=base, folder=path, read_only=read_only)
    if kind == "memory":
        return MemoryStore(base)
    if kind in ("oxigraph", "oxigraph-disk"):
        return OxigraphStore(kind, base)
    raise ValueError(f"unknown store {kind!r}; choose one of: {', '.join(STORES)}")
