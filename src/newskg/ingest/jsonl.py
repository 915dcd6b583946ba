"""`.jsonl` corpora: one JSON object per line → one Article per line, or an error naming the line.

A record has `text` (required, a non-empty string) and optionally `id`, `url`, `title`,
`published` (ISO date or date-time), `publisher` and `lang`.  Fields given in the record win over
those found in the text; a record's own `lang` wins over the caller's choice.
"""
from __future__ import annotations

import codecs
import json
import math
from collections.abc import Iterator
from pathlib import Path

from ..article import Article
from ..errors import InputError
from .dates import parse_published
from .decode import decode_text
from .text import article_from_text

_STRING_FIELDS = ("url", "title", "publisher", "lang")
#: longest integer a record may hold (Python's own limit for converting digits, 4300)
MAX_INT_DIGITS = 4300


def read_jsonl(path: Path, lang: str | None = None) -> Iterator[Article | InputError]:
    """Each record's Article, or an InputError naming the file and line; never raises.

    The file is read a line at a time, so a corpus of any size streams through.  A line that is
    not valid UTF-8 is read as cp1252 (or Latin-1) and its article carries a warning saying so.
    """
    source = str(path)
    try:
        fh = open(path, "rb")
    except OSError as err:
        yield InputError(source, f"cannot read the file ({err.strerror or err})")
        return
    with fh:
        head = fh.read(1 << 16)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
            # UTF-16 or binary: judged (and, for UTF-16, decoded) as a whole, as for other files
            fh.seek(0)
            try:
                text, warnings = decode_text(fh.read(), source)
            except InputError as err:
                yield err
                return
            lines = ((n, line, warnings) for n, line in enumerate(text.split("\n"), start=1))
        else:
            if head.strip():
                try:      # binary noise without NUL bytes, judged on the first part of the file
                    decode_text(head, source)
                except InputError as err:
                    yield err
                    return
            fh.seek(0)
            lines = _decoded_lines(fh)
        seen = False
        for number, line, warnings in lines:
            if not line.strip():
                continue
            seen = True
            try:
                article = _record(line, source, number, lang)
            except InputError as err:
                yield type(err)(source, err.message, line=number)
                continue
            except Exception as exc:      # one record never ends the corpus
                yield InputError(source, f"cannot read the record ({type(exc).__name__}: {exc})",
                                 line=number)
                continue
            article.warnings.extend(warnings)
            yield article
        if not seen:
            yield InputError(source, "empty file")


def _decoded_lines(fh) -> Iterator[tuple[int, str, list[str]]]:
    """(line number, text, warnings) of each line of a binary file: UTF-8, else cp1252 or Latin-1."""
    offset = 0
    for number, raw in enumerate(fh, start=1):
        start = offset
        offset += len(raw)
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw, start = raw[len(codecs.BOM_UTF8):], start + len(codecs.BOM_UTF8)
        try:
            yield number, raw.decode("utf-8"), []
        except UnicodeDecodeError as err:
            for encoding in ("cp1252", "latin-1"):
                try:
                    text = raw.decode(encoding)
                except UnicodeDecodeError:
                    continue
                yield number, text, [f"not valid UTF-8 (byte 0x{raw[err.start]:02x} at offset "
                                     f"{start + err.start}); read as {encoding}"]
                break


def count_records(path: Path) -> int:
    """How many records a `.jsonl` file holds (its non-blank lines), read fast, for progress bars."""
    try:
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 0


def _record(line: str, source: str, number: int, lang: str | None) -> Article:
    """The Article of one `.jsonl` line; raises InputError (without the line number) if bad."""
    try:
        record = json.loads(line, parse_constant=_not_json, parse_int=_json_int)
    except json.JSONDecodeError as err:
        raise InputError(source, f"not valid JSON: {err.msg} (column {err.colno})") from None
    except ValueError as err:     # NaN, Infinity, an integer too long to keep
        raise InputError(source, f"cannot read the record: {err}") from None
    if not isinstance(record, dict):
        raise InputError(source, f"a record must be a JSON object, not {_json_type(record)}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, "the record has no 'text' (a non-empty string is required)")
    for name in _STRING_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise InputError(source, f"'{name}' must be a string, not {_json_type(record[name])}")
    ident = record.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, str | int | float)):
        raise InputError(source, f"'id' must be a string or a number, not {_json_type(ident)}")
    if isinstance(ident, float) and not math.isfinite(ident):
        raise InputError(source, "'id' is a number too large to keep (it reads as infinity); "
                                 "write the id as a string")
    published = record.get("published")
    if published is not None and not isinstance(published, str):
        raise InputError(source, f"'published' must be an ISO date string, not {_json_type(published)}")
    return article_from_text(
        text, source=f"{source}:{number}",
        id=None if ident is None else str(ident),
        url=record.get("url") or None,
        title=record.get("title") or None,
        published=parse_published(published, source),
        publisher=record.get("publisher") or None,
        lang=record.get("lang") or lang,
    )


def _not_json(name: str):
    """`json.loads` takes NaN and Infinity, which JSON does not have: refuse them."""
    raise ValueError(f"{name} is not a JSON value (JSON numbers are finite)")


def _json_int(digits: str) -> int:
    """An integer of the record; one longer than Python converts (sys.get_int_max_str_digits)
    is refused by name."""
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"a number of {len(digits.lstrip('-'))} digits is too long to keep; "
                         f"write it as a string")
    return int(digits)


def _json_type(value: object) -> str:
    """The JSON name of a value's type ("an array", "a number", ...)."""
    names = {list: "an array", dict: "an object", str: "a string", bool: "true/false",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
