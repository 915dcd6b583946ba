"""The Oxigraph backend: a pyoxigraph `Store` in memory, in a temporary folder, or in a kept folder.

`OxigraphStore` opens the pyoxigraph Store itself and is the only holder of it; the rdflib Dataset
it offers (through oxrdflib) reaches the Store through a `_Handle` that asks this object for it on
every call, so the Store can be reopened (or closed) without anything keeping a stale copy.  A
folder that cannot be reopened — another process took RocksDB's lock in the gap and kept it — is a
`StoreError`; an operation after that, or after `close`, is one too.  Nothing quietly falls back to
an empty in-memory store.

Kinds: "oxigraph-disk" (a temporary folder, removed when the store is closed or garbage
collected — newskg's default: its per-graph indexes keep lookups fast however many articles
repeat a statement, see benchmarks/RESULTS.md), "oxigraph" (in memory: fastest to fill, but
lookups walk every graph's copy of a statement), and "folder" (kept on disk, reopened with what it
holds; `read_only` opens it while another process writes to it).
"""
from __future__ import annotations

import errno
import gc
import os
import shutil
import tempfile
import time
import weakref
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import Dataset, Graph

from ..errors import InputError, StoreError
from ..tempfiles import owned_prefix, remove_stale
from .bulk import bulk_load_file
from .layout import MERGED_OX
from .results import Rows
from .store import Store
from .terms import (DEFAULT, TermCache, from_ox, from_ox_quad, to_ox, to_ox_graph, to_ox_quad,
                    to_ox_quads)

#: below this many quads a transaction (`extend`) is far cheaper than Oxigraph's bulk loader, which
#: sets up sorted files for each call (0.16 s for one article's few hundred quads on disk)
BULK_FROM = 50_000
#: quads written to an on-disk store between two flushes of its in-memory write buffers
FLUSH_EVERY = 10_000
#: most quads one `add_raw` writes in one transaction: a longer write (the article of a very long
#: text: 72,000 quads for a 1 MB paragraph) goes in parts of this size, flushed one by one, so
#: neither its pyoxigraph quads nor RocksDB's write buffers are ever held whole (in one
#: transaction they took ~170 MB more, benchmarks/RESULTS.md)
WRITE_BATCH = 10_000
#: quads written through one store after which `close` compacts its folder
COMPACT_AFTER = 100_000
#: how long a folder's reopening waits for another process to let RocksDB's lock go (seconds)
REOPEN_WAIT = 30.0


class StoreInUse(InputError):
    """The store folder is held by another process (RocksDB allows one writer)."""


def open_folder(location: str | os.PathLike, read_only: bool = False) -> ox.Store:
    """The Oxigraph store in folder `location` (created when missing, unless `read_only`).

    Raises InputError naming the folder when it is not a store, is missing (read-only), or is
    held by another process (StoreInUse: stop it, or open the folder read-only).
    """
    path = Path(location)
    if path.exists() and not path.is_dir():
        raise InputError(str(path), "not a folder (an Oxigraph store is a folder)")
    if path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").exists():
        raise InputError(str(path), "this folder is not an Oxigraph store (it holds other files)")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except FileNotFoundError:
        raise InputError(str(path), "no Oxigraph store in this folder") from None
    except (OSError, RuntimeError) as exc:
        if "lock" in str(exc).lower():
            raise StoreInUse(str(path), "the store is in use by another process (one process "
                                        "at a time may write to it; `newskg query` can read it "
                                        "meanwhile)") from None
        raise InputError(str(path), f"cannot open the store: {exc}") from None


class OxigraphStore(Store):
    """newskg's layout in a pyoxigraph Store this object opened and owns (see the module docstring).

    >>> s = OxigraphStore("oxigraph")
    >>> s.count(), s.kind
    (0, 'oxigraph')
    >>> s.close(); s.count()
    Traceback (most recent call last):
    ...
    newskg.errors.StoreError: oxigraph: the graph was closed
    """

    def __init__(self, kind: str = "oxigraph-disk", base: str | None = None,
                 folder: str | os.PathLike | None = None, read_only: bool = False):
        from ..vocab.namespaces import DEFAULT_BASE
        super().__init__(base or DEFAULT_BASE, read_only)
        self.folder = Path(folder) if folder is not None else None
        self._temporary = None
        if self.folder is not None:
            self.kind, self.persistent = "folder", True
            self._native = open_folder(self.folder, read_only)
        elif kind == "oxigraph":
            self.kind = kind
            self._native = ox.Store()
        elif kind == "oxigraph-disk":
            self.kind = kind
            remove_stale(tempfile.gettempdir(), "newskg-store-")    # left by killed runs
            self._temporary = tempfile.mkdtemp(prefix=owned_prefix("newskg-store-"))
            self._native = ox.Store(self._temporary)
            self._cleanup = weakref.finalize(self, shutil.rmtree, self._temporary, True)
        else:
            raise ValueError(f"unknown Oxigraph store kind {kind!r}")
        self._dataset = None
        self._unflushed = 0
        self._written = 0

    @property
    def where(self) -> str:
        return str(self.folder) if self.folder is not None else self.kind

    @property
    def native(self) -> ox.Store:
        """The pyoxigraph Store (StoreError when it was closed or lost)."""
        if self._native is None:
            self.check_open()
            raise StoreError(f"{self.where}: the store was lost (it could not be reopened); "
                             f"nothing more can be written to it")
        return self._native

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            from oxrdflib import OxigraphStore as RdflibView
            self._dataset = Dataset(store=RdflibView(store=_Handle(self)), default_union=False)
            for prefix, ns in self.prefixes.items():
                self._dataset.bind(prefix, ns, override=True, replace=True)
        return self._dataset

    # -- the protocol's primitives -------------------------------------------------------------
    def match(self, s=None, p=None, o=None, g=None) -> Iterator[tuple]:
        pattern = [None if t is None else to_ox(t) for t in (s, p, o)]
        graph = None if g is None else to_ox_graph(g)
        for q in self.native.quads_for_pattern(*pattern, graph):
            yield from_ox_quad(q)

    def add_raw(self, quads: Iterable[tuple]) -> None:
        """One transaction for up to WRITE_BATCH quads; more are converted and written in parts of
        that size, each flushed to disk (an interruption leaves the parts before it: `Store.add`
        writes an article's own statements last, so such an article is not taken for written)."""
        quads = quads if isinstance(quads, list) else list(quads)
        if len(quads) <= WRITE_BATCH:
            self._write(to_ox_quads(quads))
            return
        for start in range(0, len(quads), WRITE_BATCH):
            self._write(to_ox_quads(quads[start:start + WRITE_BATCH]))
            if start + WRITE_BATCH < len(quads):
                self.flush()

    def remove_raw(self, quads: Iterable[tuple]) -> None:
        native = self._writable()
        try:
            for q in quads:
                native.remove(to_ox_quad(q))
        except OSError as exc:
            raise self._write_error(exc) from exc

    def _writable(self) -> ox.Store:
        self.check_writable()
        return self.native

    def _write(self, batch: list[ox.Quad]) -> None:
        native = self._writable()
        try:
            native.bulk_extend(batch) if len(batch) >= BULK_FROM else native.extend(batch)
        except OSError as exc:
            raise self._write_error(exc) from exc

    def _write_error(self, exc: OSError) -> StoreError:
        if exc.errno == errno.ENOSPC or "no space" in str(exc).lower():
            return StoreError(f"{self.where}: cannot write to the store: the disk is full (what "
                              f"was written before stays; free some space and run again)")
        return StoreError(f"{self.where}: cannot write to the store: {exc.strerror or exc}")

    def load_quads(self, quads: list[ox.Quad]) -> None:
        self._write(quads)

    def load_file(self, path: Path, fmt: ox.RdfFormat) -> None:
        """Into an empty store the file streams through Oxigraph's bulk loader, however big (a
        syntax error then leaves the store with what came before it)."""
        native = self._writable()
        if next(iter(native.quads_for_pattern(None, None, None, None)), None) is None:
            bulk_load_file(native, path, fmt, keep_merged=MERGED_OX)
        else:
            super().load_file(path, fmt)

    def select(self, text: str) -> Iterator[dict]:
        solutions = self.native.query(text)
        names = [v.value for v in solutions.variables]
        for sol in solutions:
            yield {n: (from_ox(sol[n]) if sol[n] is not None else None) for n in names}

    def query(self, text: str, values: Mapping, prefixes: Mapping[str, str]) -> Rows | bool | Graph:
        """Run by Oxigraph itself, each distinct term of the answer turned into an rdflib term
        once (`TermCache`)."""
        result = self.native.query(text, prefixes=dict(prefixes),
                                   substitutions={ox.Variable(k): to_ox(v) for k, v in values.items()})
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        term = TermCache()
        if isinstance(result, ox.QueryTriples):
            graph = Graph()
            for t in result:
                graph.add((term(t.subject), term(t.predicate), term(t.object)))
            return graph
        names = [v.value for v in result.variables]
        return Rows(names, ({n: term(sol[n]) for n in names} for sol in result))

    def count(self) -> int:
        result = self.native.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(result))["n"].value)

    def all_quads(self) -> Iterator[ox.Quad]:
        return iter(self.native.quads_for_pattern(None, None, None, None))

    def more_quads_than(self, n: int) -> bool:
        for i, _ in enumerate(self.native.quads_for_pattern(None, None, None, None)):
            if i >= n:
                return True
        return False

    def export_stream(self, named_format: bool) -> Iterator:
        native = self.native
        default = ox.DefaultGraph()
        if not named_format:        # the merge: the default graph holds every statement once
            yield from (q.triple for q in native.quads_for_pattern(None, None, None, default))
            return
        for g in native.named_graphs():
            yield from native.quads_for_pattern(None, None, None, g)
        yield from native.quads_for_pattern(None, None, None, default)   # the whole merge

    # -- life cycle --------------------------------------------------------------------------------
    def wrote(self, n: int) -> None:
        """Every FLUSH_EVERY quads the write buffers go to disk, and a kept folder is reopened.

        RocksDB keeps recent writes in memory until they are flushed, and its read caches (which
        pyoxigraph does not let us size) grow as resolution reads while it writes: ~200 MB after a
        million quads (benchmarks/memory.py).  Opening the folder again empties them."""
        self._unflushed += n
        self._written += n
        if self._unflushed < FLUSH_EVERY or self.kind == "oxigraph":
            return
        self._unflushed = 0
        if self.folder is not None:
            self.reopen()
        else:
            self.flush()

    def flush(self) -> None:
        if self._native is None or self.read_only or self.kind == "oxigraph":
            return
        try:
            self._native.flush()
        except OSError as exc:
            raise self._write_error(exc) from exc

    def reopen(self, wait: float | None = None) -> None:
        """Flush the folder and open it afresh.  The lock is let go in between: when another
        process takes it, this waits up to `wait` seconds (REOPEN_WAIT) for it to come back, and
        then raises StoreError (everything written before is on disk; nothing is written elsewhere)."""
        wait = REOPEN_WAIT if wait is None else wait
        self.flush()
        self._native = None        # this object held the only reference: RocksDB closes
        deadline = time.monotonic() + wait
        while True:
            try:
                self._native = open_folder(self.folder)
                return
            except StoreInUse:
                if time.monotonic() >= deadline:
                    raise StoreError(f"{self.folder}: another process took the store while it "
                                     f"was being reopened, and kept it for {wait:.0f} s; "
                                     f"everything added before is in the folder") from None
                time.sleep(0.02)

    def close(self) -> None:
        """Flush, compact a folder after a big write (queries on a store grown article by article
        are then up to a quarter faster, benchmarks/RESULTS.md), and let the Store go (its folder
        may then be opened by another process; a temporary folder is removed)."""
        if self.closed:
            return
        try:
            self.flush()
            if (self._native is not None and self.folder is not None and not self.read_only
                    and self._written >= COMPACT_AFTER):
                self._native.optimize()
        finally:
            self._native = None
            self._dataset = None
            self.closed = True
            gc.collect()
            if self._temporary is not None:
                self._cleanup()


class _Handle:
    """What oxrdflib's wrapper holds instead of the pyoxigraph Store: every attribute is looked up
    on the owner's current Store, so reopening or closing it leaves no stale copy behind."""

    def __init__(self, owner: OxigraphStore):
        self.owner = owner

    def __getattr__(self, name: str):
        return getattr(self.owner.native, name)
