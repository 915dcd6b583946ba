"""Where a GraphIndex keeps its nodes and lookups: in Python dicts, or in an SQLite file.

A graph of a few thousand articles is indexed in dicts (`MemoryTables`): fastest, and the index
is gone with the process.  A long run into a store folder or an endpoint indexes in a temporary
SQLite file (`SqliteTables`): every lookup is an indexed query, only a bounded number of nodes is
kept in memory, so resolution's memory stays flat however many articles the graph holds
(benchmarks/memory.py).  Both give the same three kinds of table:

- `multimap(name)`: key → set of IRIs (add, discard, get);
- `mapping(name)`: key → one IRI (get, setdefault, delete);
- `nodes(name)`: IRI → node object (get, [], in, []=, pop, values).  Node objects are changed in
  place by the index, which calls `changed(node)` after doing so; `commit()` writes changed nodes
  and lets the others go (SQLite) — the index commits after each batch of statements.

Keys are strings or tuples of strings, IRIs and ints; values are IRIs (rdflib URIRefs).
"""
from __future__ import annotations

import os
import pickle
import sqlite3
import tempfile
from collections import OrderedDict
from typing import Iterator

from rdflib import URIRef

#: node objects an SqliteTables keeps in memory between commits (the rest are read back as needed)
NODE_CACHE = 2048
#: SQLite's page cache, in KiB
PAGE_CACHE_KIB = 4096


class MemoryTables:
    """Tables in Python dicts."""

    def multimap(self, name: str) -> "_MemMultimap":
        return _MemMultimap()

    def mapping(self, name: str) -> "_MemMapping":
        return _MemMapping()

    def nodes(self, name: str) -> "_MemNodes":
        return _MemNodes()

    def commit(self) -> None:
        pass

    def close(self) -> None:
        pass


class _MemMultimap:
    __slots__ = ("_d",)

    def __init__(self):
        self._d: dict = {}

    def add(self, key, value) -> None:
        self._d.setdefault(key, set()).add(value)

    def discard(self, key, value) -> None:
        values = self._d.get(key)
        if values is not None:
            values.discard(value)
            if not values:
                del self._d[key]

    def get(self, key) -> set:
        """The values under `key` (do not change the set returned)."""
        return self._d.get(key, _EMPTY)


class _MemMapping:
    __slots__ = ("_d",)

    def __init__(self):
        self._d: dict = {}

    def get(self, key):
        return self._d.get(key)

    def setdefault(self, key, value) -> None:
        self._d.setdefault(key, value)

    def delete(self, key, value) -> None:
        """Remove `key` if it maps to `value`."""
        if self._d.get(key) == value:
            del self._d[key]


class _MemNodes(dict):
    def changed(self, node) -> None:
        pass


_EMPTY: frozenset = frozenset()


def _key(key) -> str:
    """A table key as text: a tuple's parts joined by a unit separator."""
    return "\x1f".join(map(str, key)) if isinstance(key, tuple) else str(key)


class SqliteTables:
    """Tables in an SQLite file: a temporary one unless `path` is given (on POSIX systems it is
    unlinked at once, so nothing is left behind even by a killed run; elsewhere removed on `close`)."""

    def __init__(self, path: str | os.PathLike | None = None, node_cache: int = NODE_CACHE):
        self._tmp = None
        if path is None:
            fd, path = tempfile.mkstemp(prefix="newskg-index-", suffix=".sqlite")
            os.close(fd)
            self._tmp = path
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "temp_store=FILE",
                       f"cache_size=-{PAGE_CACHE_KIB}", "locking_mode=EXCLUSIVE"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute("BEGIN")
        if self._tmp is not None and os.name == "posix":
            # the file stays open but nameless: removed by the system even if the run is killed
            self.db.execute("CREATE TABLE IF NOT EXISTS opened (x)")
            os.remove(self._tmp)
            self._tmp = None
        self.node_cache = node_cache
        self._nodes: list[_SqlNodes] = []

    def multimap(self, name: str) -> "_SqlMultimap":
        self.db.execute(f"CREATE TABLE IF NOT EXISTS {name} (k TEXT, v TEXT, PRIMARY KEY (k, v)) "
                        "WITHOUT ROWID")
        return _SqlMultimap(self.db, name)

    def mapping(self, name: str) -> "_SqlMapping":
        self.db.execute(f"CREATE TABLE IF NOT EXISTS {name} (k TEXT PRIMARY KEY, v TEXT) "
                        "WITHOUT ROWID")
        return _SqlMapping(self.db, name)

    def nodes(self, name: str) -> "_SqlNodes":
        self.db.execute(f"CREATE TABLE IF NOT EXISTS {name} (k TEXT PRIMARY KEY, node BLOB) "
                        "WITHOUT ROWID")
        table = _SqlNodes(self.db, name, self.node_cache)
        self._nodes.append(table)
        return table

    def commit(self) -> None:
        """Write the nodes changed since the last commit; keep at most `node_cache` in memory."""
        for table in self._nodes:
            table.write_back()
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            if self._tmp is not None and os.path.exists(self._tmp):
                os.remove(self._tmp)
                self._tmp = None

    def __del__(self):
        if getattr(self, "_tmp", None) is not None:
            self.close()


class _SqlPairs:
    """A table of (key, value) text pairs, with the three statements both kinds of table use."""
    __slots__ = ("_insert", "_delete", "_select", "db")

    def __init__(self, db: sqlite3.Connection, name: str):
        self.db = db
        self._insert = f"INSERT OR IGNORE INTO {name} VALUES (?, ?)"
        self._delete = f"DELETE FROM {name} WHERE k = ? AND v = ?"
        self._select = f"SELECT v FROM {name} WHERE k = ?"


class _SqlMultimap(_SqlPairs):
    __slots__ = ()

    def add(self, key, value) -> None:
        self.db.execute(self._insert, (_key(key), str(value)))

    def discard(self, key, value) -> None:
        self.db.execute(self._delete, (_key(key), str(value)))

    def get(self, key) -> set:
        return {URIRef(v) for v, in self.db.execute(self._select, (_key(key),))}


class _SqlMapping(_SqlPairs):
    __slots__ = ()

    def get(self, key):
        row = self.db.execute(self._select, (_key(key),)).fetchone()
        return URIRef(row[0]) if row is not None else None

    def setdefault(self, key, value) -> None:
        self.db.execute(self._insert, (_key(key), str(value)))

    def delete(self, key, value) -> None:
        self.db.execute(self._delete, (_key(key), str(value)))


class _SqlNodes:
    """IRI → node, pickled in SQLite; the nodes used lately (and every changed one) in memory."""

    def __init__(self, db: sqlite3.Connection, name: str, cache_size: int):
        self.db, self.name, self.cache_size = db, name, cache_size
        self._cache: OrderedDict[str, object] = OrderedDict()
        self._changed: set[str] = set()
        self._get = f"SELECT node FROM {name} WHERE k = ?"

    def get(self, iri, default=None):
        k = str(iri)
        node = self._cache.get(k)
        if node is not None:
            self._cache.move_to_end(k)
            return node
        row = self.db.execute(self._get, (k,)).fetchone()
        if row is None:
            return default
        node = self._cache[k] = pickle.loads(row[0])
        return node

    def __getitem__(self, iri):
        node = self.get(iri)
        if node is None:
            raise KeyError(iri)
        return node

    def __contains__(self, iri) -> bool:
        return self.get(iri) is not None

    def __setitem__(self, iri, node) -> None:
        k = str(iri)
        self._cache[k] = node
        self._cache.move_to_end(k)
        self._changed.add(k)

    def pop(self, iri, default=None):
        k = str(iri)
        node = self.get(k)
        if node is None:
            return default
        del self._cache[k]
        self._changed.discard(k)
        self.db.execute(f"DELETE FROM {self.name} WHERE k = ?", (k,))
        return node

    def changed(self, node) -> None:
        """Note that `node` (held in this table) was changed in place."""
        k = str(node.iri)
        if k in self._cache:
            self._changed.add(k)

    def values(self) -> Iterator:
        """Every node (a scan)."""
        self.write_back()
        for k, blob in self.db.execute(f"SELECT k, node FROM {self.name}").fetchall():
            yield self._cache.get(k) or pickle.loads(blob)

    def __len__(self) -> int:
        self.write_back()
        return self.db.execute(f"SELECT count(*) FROM {self.name}").fetchone()[0]

    def write_back(self) -> None:
        if self._changed:
            self.db.executemany(
                f"INSERT OR REPLACE INTO {self.name} VALUES (?, ?)",
                [(k, pickle.dumps(self._cache[k], pickle.HIGHEST_PROTOCOL)) for k in self._changed])
            self._changed.clear()
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
