"""Each message says what is wrong with the input it names (issue 11, finding 14)."""
from __future__ import annotations

from newskg.errors import InputError
from newskg.ingest import read_inputs


def test_numbers_json_cannot_hold_are_named_as_such(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": 1e400, "text": "Joko Widodo met Xi Jinping in Bogor on Monday."}\n'
                      '{"id": NaN, "text": "Joko Widodo met Xi Jinping in Bogor on Monday."}\n'
                      '{"id": 7, "text": "Joko Widodo met Xi Jinping in Bogor on Monday."}\n'
                      '{"id": 1%s, "text": "Joko Widodo met Xi Jinping in Bogor on Monday."}\n'
                      % ("0" * 5000), encoding="utf-8")
    out = list(read_inputs([corpus], lang="en"))
    assert [str(x) for x in out if isinstance(x, InputError)] == [
        f"{corpus}:1: 'id' is a number too large to keep (it reads as infinity); write the id as "
        f"a string",
        f"{corpus}:2: cannot read the record: NaN is not a JSON value (JSON numbers are finite)",
        f"{corpus}:4: cannot read the record: a number of 5001 digits is too long to keep; "
        f"write it as a string"]
    assert [x.id for x in out if not isinstance(x, InputError)] == ["7"]


# -- inputs that are no article files ---------------------------------------------------------

import os
import stat
import sys

import pytest
from click.testing import CliRunner

from newskg.cli import main

@pytest.fixture
def fake_extract(monkeypatch):
    """The real readers, with the test suite's stand-in extractor (no spaCy pipeline)."""
    import newskg.extract
    from .conftest import FakePipeline
    fake = FakePipeline()
    monkeypatch.setattr(newskg.extract, "extract_facts", fake.extract_facts)
    monkeypatch.setattr(newskg.extract, "extract_many", fake.extract_many)


needs_permissions = pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                                       reason="folder permissions do not bind root")


@pytest.fixture
def locked(tmp_path):
    """A folder `locked/` (mode 000) holding an article, next to a readable `open/a.txt`."""
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text("Joko Widodo met Anthony Albanese in Jakarta.\n")
    (tmp_path / "open" / "locked").mkdir()
    (tmp_path / "open" / "locked" / "b.txt").write_text("Joko Widodo met Xi Jinping in Bogor.\n")
    os.chmod(tmp_path / "open" / "locked", 0)
    yield tmp_path / "open"
    os.chmod(tmp_path / "open" / "locked", stat.S_IRWXU)


@pytest.fixture
def denied(tmp_path, monkeypatch):
    """Like `locked`, for root too: listing `locked/` and reaching a path in it raise EACCES, as
    the system does for a mode-000 folder."""
    import errno
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text("Joko Widodo met Anthony Albanese in Jakarta.\n")
    folder = tmp_path / "open" / "locked"
    folder.mkdir()
    (folder / "b.txt").write_text("Joko Widodo met Xi Jinping in Bogor.\n")
    scandir, stat_ = os.scandir, os.stat

    def deny(path):
        return str(path) == str(folder) or str(path).startswith(f"{folder}/")

    def fake_scandir(path="."):
        if deny(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return scandir(path)

    def fake_stat(path, *args, **kwargs):
        if deny(path) and str(path) != str(folder):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return stat_(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    monkeypatch.setattr(os, "stat", fake_stat)
    return tmp_path / "open"


def test_a_folder_that_cannot_be_listed_is_an_error_not_skipped(denied, fake_extract):
    check_locked_folder(denied)


@needs_permissions
def test_a_mode_000_folder_is_an_error_not_skipped(locked, fake_extract):
    check_locked_folder(locked)


def check_locked_folder(locked):
    out = list(read_inputs([locked], lang="en"))
    assert [str(x) for x in out if isinstance(x, InputError)] == [
        f"{locked / 'locked'}: cannot list the folder (Permission denied)"]
    assert [x.source for x in out if not isinstance(x, InputError)] == [str(locked / "a.txt")]
    done = CliRunner().invoke(main, ["extract", str(locked), str(locked / "locked" / "b.txt"),
                                     "-o", str(locked.parent / "g.ttl"), "--lang", "en"])
    assert done.exit_code == 1 and isinstance(done.exception, SystemExit), done.exception
    assert f"error: {locked / 'locked'}: cannot list the folder (Permission denied)" in done.stderr
    assert (f"error: {locked / 'locked' / 'b.txt'}: cannot be reached: permission denied"
            in done.stderr)
    assert "1 article, 2 errors" in done.stderr


def test_a_fifo_is_not_a_regular_file(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    done = CliRunner().invoke(main, ["extract", str(fifo), "-o", str(tmp_path / "g.ttl")])
    assert done.exit_code == 1
    assert f"error: {fifo}: not a regular file but a named pipe (FIFO)" in done.stderr


def test_a_newline_in_a_file_name_cannot_forge_an_error_line(tmp_path):
    evil = tmp_path / "x.txt\nerror: forged.txt: all is lost\n.txt"
    evil.write_bytes(b"")
    done = CliRunner().invoke(main, ["extract", str(evil), "-o", str(tmp_path / "g.ttl")])
    lines = done.stderr.splitlines()
    assert [ln for ln in lines if ln.startswith("error:")] == [
        f"error: {tmp_path}/x.txt\\nerror: forged.txt: all is lost\\n.txt: empty file"]


def test_when_every_input_fails_no_file_is_written(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "g.trig"
    done = CliRunner().invoke(main, ["extract", str(tmp_path / "empty.txt"), "-o", str(out)])
    assert done.exit_code == 1 and not out.exists()
    assert "0 articles, 1 error → nothing written" in done.stderr
    out.write_text("# kept\n")
    done = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.txt"), "-o", str(out)])
    assert done.exit_code == 1 and out.read_text() == "# kept\n"


# -- the Python API -----------------------------------------------------------------------------

from newskg.api import KnowledgeGraph
from newskg.errors import GraphClosed


@pytest.mark.parametrize("text, said", [(b"Joko Widodo met Xi Jinping.", "not bytes; decode bytes"),
                                        (123, "not int"), (None, "not NoneType")])
def test_add_article_says_which_types_it_takes(text, said):
    with pytest.raises(TypeError, match=f"add_article: text must be a str .*{said}"):
        KnowledgeGraph().add_article(text)


def test_a_closed_graph_says_it_is_closed(pipeline, tmp_path):
    kg = KnowledgeGraph()
    kg.add_article("Joko Widodo met Xi Jinping.", id="a")
    kg.close()
    kg.close()                                      # twice is fine
    for use in (lambda: kg.add_article("Joko Widodo met Xi Jinping."),
                lambda: kg.query("ASK { ?s ?p ?o }"), lambda: kg.serialize(tmp_path / "g.ttl"),
                lambda: len(kg), lambda: kg.graph, lambda: kg.duplicates(),
                lambda: list(kg.ingest([tmp_path])), lambda: kg.flush()):
        with pytest.raises(GraphClosed, match="KnowledgeGraph is closed"):
            use()
    assert not (tmp_path / "g.ttl").exists()


def test_query_arguments_are_checked_by_name():
    kg = KnowledgeGraph()
    with pytest.raises(TypeError, match="query: sparql must be a str .* not NoneType"):
        kg.query(None)
    with pytest.raises(ValueError, match=r"bindings: \?name is None"):
        kg.query("timeline", bindings={"name": None})
    with pytest.raises(TypeError, match=r"bindings: \?name must be a str.* not list"):
        kg.query("timeline", bindings={"name": ["Xi Jinping"]})
    with pytest.raises(TypeError, match="bindings must be a mapping"):
        kg.query("timeline", bindings=[("name", "Xi Jinping")])
    assert kg.query("timeline", bindings={"name": "Xi Jinping"}).vars[0] == "name"


def nested_page(levels: int) -> str:
    return ("<html><head><title>Leaders meet</title></head><body>" + "<div>" * levels +
            "<p>Indonesian President Joko Widodo met Chinese President Xi Jinping in Beijing on "
            "Monday, officials said.</p>" + "</div>" * levels + "</body></html>")


def test_html_nested_past_libxml2_s_limit_is_read_and_deeper_still_named():
    from newskg.ingest.html import MAX_HTML_DEPTH, article_from_html
    for levels in (10, 300, 1500):
        article = article_from_html(nested_page(levels), lang="en", source="deep.html")
        assert "Joko Widodo met Chinese President Xi Jinping" in article.body, levels
    with pytest.raises(InputError, match="deep.html: the HTML is nested too deeply"):
        article_from_html(nested_page(MAX_HTML_DEPTH + 50), lang="en", source="deep.html")
