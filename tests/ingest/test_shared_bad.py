"""The shared bad-input folder: every bad file reported in one line, the good articles still read."""
from pathlib import Path

import pytest

from newskg.article import Article
from newskg.errors import InputError, UnsupportedLanguage
from newskg.ingest import read_inputs

BAD = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "bad"
pytestmark = pytest.mark.skipif(not BAD.is_dir(), reason="shared evaluation kit not present")


def test_bad_folder_outcome():
    out = list(read_inputs([BAD]))
    articles = [x for x in out if isinstance(x, Article)]
    errors = [x for x in out if isinstance(x, InputError)]
    assert len(out) == len(articles) + len(errors)

    # the good ones: two records of mixed.jsonl and the latin-1 file, read with a stated fallback
    assert sorted(a.source for a in articles) == [str(BAD / "latin1-bytes.txt"),
                                                  f"{BAD / 'mixed.jsonl'}:1", f"{BAD / 'mixed.jsonl'}:5"]
    by_source = {a.source: a for a in articles}
    latin = by_source[str(BAD / "latin1-bytes.txt")]
    assert latin.warnings and "not valid UTF-8" in latin.warnings[0] and latin.lang == "id"
    assert [by_source[f"{BAD / 'mixed.jsonl'}:{n}"].id for n in (1, 5)] == ["ok-1", "ok-2"]

    # the bad ones: one line each, naming the file (and the line of mixed.jsonl)
    messages = [str(e) for e in errors]
    assert all("\n" not in m for m in messages)
    named = {m.split(": ")[0] for m in messages}
    assert named == {str(BAD / "binary.txt"), str(BAD / "empty.txt"), str(BAD / "no-main-text.html"),
                     str(BAD / "unsupported-lang.txt"), f"{BAD / 'mixed.jsonl'}:2",
                     f"{BAD / 'mixed.jsonl'}:3", f"{BAD / 'mixed.jsonl'}:4"}
    assert any(isinstance(e, UnsupportedLanguage) and "'ru'" in str(e) for e in errors)
    assert not any(str(BAD / "README.md") in m for m in messages)     # other suffixes are skipped
