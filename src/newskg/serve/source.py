"""What `newskg serve` serves: an Oxigraph store folder the query workers open read-only.

A store folder made by `newskg extract --into DIR` is served as it is (never written, so an
extraction can go on adding to it); a graph file is loaded once into a temporary folder, with the
merge of its article graphs in the default graph exactly as `newskg query FILE` loads it, and that
folder is removed when the server stops (or, after a kill, by the next server: `newskg.tempfiles`).
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..errors import InputError
from ..graph.backends import open_store
from ..graph.files import load_graph
from ..tempfiles import owned_prefix, remove_stale


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
        open_store(path=p, read_only=True).close()       # fails now rather than in every worker
        return Source(str(p), p, temporary=False)
    if not p.exists():
        raise InputError(str(p), "no such file or folder")
    remove_stale(tempfile.gettempdir(), "newskg-serve-")            # left by killed servers
    folder = Path(tempfile.mkdtemp(prefix=owned_prefix("newskg-serve-")))
    try:
        store = open_store(path=folder)
        try:
            load_graph(p, store)          # as `newskg query FILE` loads it, merge included
        finally:
            store.close()                 # lets the folder go: the workers open it themselves
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Source(str(p), folder, temporary=True)
