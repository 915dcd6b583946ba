"""What `newskg serve` serves: an Oxigraph store folder the query workers open read-only.

A store folder made by `newskg extract --into DIR` is served as it is (never written, so an
extraction can go on adding to it); a graph file is loaded once into a temporary folder, with the
merge of its article graphs in the default graph exactly as `newskg query FILE` loads it, and that
folder is removed when the server stops (or, after a kill, by the next server: `newskg.tempfiles`).

With `infer`, what the ontology's alignments entail (`newskg.graph.infer.materialise`) is written
into the default graph of a temporary folder: the loaded copy of a graph file, or for a store
folder a copy of it as it is at the start (Oxigraph's backup: a RocksDB checkpoint, hard links on
the same file system), so the store folder itself is never written and an extraction can go on
adding to it, but what it adds after the start is not served.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..errors import InputError
from ..graph.backends import open_store
from ..graph.files import load_graph
from ..graph.infer import materialise
from ..graph.oxigraph import open_folder
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


def open_source(path: str | Path, infer: bool = False) -> Source:
    """The Source for a store folder or a graph file, with what the ontology entails added to a
    temporary copy when `infer` (module docstring); InputError naming `path` when it is neither,
    or when the file is not well-formed (with its line)."""
    p = Path(path)
    if p.is_dir():
        open_store(path=p, read_only=True).close()       # fails now rather than in every worker
        if not infer:
            return Source(str(p), p, temporary=False)
    elif not p.exists():
        raise InputError(str(p), "no such file or folder")
    remove_stale(tempfile.gettempdir(), "newskg-serve-")            # left by killed servers
    folder = Path(tempfile.mkdtemp(prefix=owned_prefix("newskg-serve-")))
    try:
        if p.is_dir():
            _copy_folder(p, folder)
        store = open_store(path=folder)
        try:
            if not p.is_dir():
                load_graph(p, store)      # as `newskg query FILE` loads it, merge included
            if infer:
                materialise(store.dataset)
        finally:
            store.close()                 # lets the folder go: the workers open it themselves
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Source(str(p), folder, temporary=True)


def _copy_folder(store_folder: Path, target: Path) -> None:
    """A consistent copy of the store folder as it is now into the empty folder `target`
    (Oxigraph's backup, which works on a read-only handle while a writer goes on)."""
    target.rmdir()                        # the backup creates the folder itself
    source = open_folder(store_folder, read_only=True)
    try:
        source.backup(str(target))
    except (OSError, RuntimeError) as exc:
        raise InputError(str(store_folder), f"cannot copy the store to infer into: {exc}") from None
    finally:
        del source                        # pyoxigraph closes a handle when it is dropped
