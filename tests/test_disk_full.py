"""Disk full during `extract --into DIR`: one clear error line and a clean exit, no line per
article and no traceback from close() (issue 11, finding 13); what was written before stays."""
import errno

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from newskg.cli import main


class FullDisk:
    """A pyoxigraph Store whose writes fail with ENOSPC after `left` of them went through."""

    def __init__(self, store, left):
        self.store, self.left = store, left

    def _full(self):
        raise OSError(errno.ENOSPC, "IO error: No space left on device")

    def __getattr__(self, name):
        real = getattr(self.store, name)
        if name not in ("extend", "bulk_extend", "remove", "flush", "optimize"):
            return real

        def write(*args, **kwargs):
            if self.left <= 0:
                self._full()
            if name in ("extend", "bulk_extend"):
                self.left -= 1
            return real(*args, **kwargs)
        return write


@pytest.fixture
def full_after_two_articles(monkeypatch):
    import newskg.graph.oxigraph as oxmod
    real = oxmod.OxigraphStore.native
    wrappers = {}

    def native(self):
        store = real.fget(self)
        if self.folder is not None:
            wrappers.setdefault(id(self), FullDisk(store, 2)).store = store
            return wrappers[id(self)]
        return store
    monkeypatch.setattr(oxmod.OxigraphStore, "native", property(native))


def test_disk_full_is_one_error_line_and_a_clean_exit(pipeline, tmp_path, full_after_two_articles):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(f'{{"text": "Retno Marsudi bertemu Penny Wong {i}.", "id": "r{i}"}}\n'
                              for i in range(20)))
    store = tmp_path / "store"
    res = CliRunner().invoke(main, ["extract", str(corpus), "--into", str(store), "-q"])
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith(f"error: {store}: cannot write to the store: the disk is full")
    assert "2 articles added before it stay in" in lines[0]
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert "Traceback" not in res.output
    kept = ox.Store.read_only(str(store))       # the store is consistent and holds the two
    rows = kept.query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(next(iter(rows))["n"].value) == 2
