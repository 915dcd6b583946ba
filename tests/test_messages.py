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
