"""What `newskg serve` serves: an Oxigraph store folder the query workers open read-only.

A store folder made by `newskg extract --into DIR` is served as it is (never written, so an
extraction can go on adding to it); a graph file is loaded once into a temporary folder, with the
merge of its article graphs in the default graph exactly as `newskg query FILE` loads it, and that
folder is removed when the server stops (or, after a kill, by the next server: `newskg.tempfiles`).
"""
from __future__ import annotations

import gc
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from ..tempfiles import owned_prefix, remove_stale
from ..graph.bulk import bulk_load_file
from ..graph.store import MERGED_PREDICATES, READ_FORMATS

_MERGED = frozenset(ox.NamedNode(str(p)) for p in MERGED_PREDICATES)


class Source:
    """The folder to serve (`folder`), what the user named (`origin`), and whether the folder is
    a temporary copy of a graph file (`temporary`, removed by `close`)."""

    def __init__(self, origin: str, folder: Path, temporary: bool):
        self.origin, self.folder, self.temporary = origin, folder, temporary

    def close(self) -> None:
        """Remove a temporary folder (closing twice is fine)."""
        if self.temporary:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __repr__(self) -> str:
        return f"Source({self.origin!r}, folder={str(self.folder)!r})"


def open_source(path: str | Path) -> Source:
    """The Source for a store folder or a graph file; InputError naming `path` when it is
    neither, or when the file is not well-formed (with its line)."""
    p = Path(path)
    if p.is_dir():
        if not (p / "CURRENT").exists():
            raise InputError(str(p), "this folder is not an Oxigraph store (make one with "
                                     "`newskg extract … --into DIR`)")
        try:
            ox.Store.read_only(str(p))          # fails now rather than in every worker
        except (OSError, RuntimeError) as exc:
            raise InputError(str(p), f"cannot open the store: {exc}") from None
        gc.collect()
        return Source(str(p), p, temporary=False)
    if not p.exists():
        raise InputError(str(p), "no such file or folder")
    fmt = READ_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise InputError(str(p), f"unknown graph file suffix {p.suffix!r}; use one of "
                                 f"{', '.join(READ_FORMATS)}, or a store folder")
    remove_stale(tempfile.gettempdir(), "newskg-serve-")            # left by killed servers
    folder = Path(tempfile.mkdtemp(prefix=owned_prefix("newskg-serve-")))
    try:
        store = ox.Store(str(folder))
        bulk_load_file(store, p, fmt, keep_merged=_MERGED)
        store.flush()
        del store
        gc.collect()                            # the folder's lock goes with the handle
    except (SyntaxError, ValueError, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        detail = exc.msg if isinstance(exc, SyntaxError) else str(exc)
        raise InputError(str(p), f"not a valid {fmt.name} file: {detail}",
                         line=getattr(exc, "lineno", None)) from exc
    return Source(str(p), folder, temporary=True)
