"""`.jsonl` corpora: one JSON object per line → one Article per line, or an error naming the line.

A record has `text` (required, a non-empty string) and optionally `id`, `url`, `title`,
`published` (ISO date or date-time), `publisher` and `lang`.  Fields given in the record win over
those found in the text; a record's own `lang` wins over the caller's choice.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..article import Article
from ..errors import InputError
from .dates import parse_published
from .decode import read_text_file
from .text import article_from_text

_STRING_FIELDS = ("url", "title", "publisher", "lang")


def read_jsonl(path: Path, lang: str | None = None) -> Iterator[Article | InputError]:
    """Each record's Article, or an InputError naming the file and line; never raises."""
    source = str(path)
    try:
        text, warnings = read_text_file(path, source)
    except InputError as err:
        yield err
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            article = _record(line, source, number, lang)
        except InputError as err:
            yield type(err)(source, err.message, line=number)
            continue
        article.warnings.extend(warnings)
        yield article


def _record(line: str, source: str, number: int, lang: str | None) -> Article:
    """The Article of one `.jsonl` line; raises InputError (without the line number) if bad."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(source, f"not valid JSON: {err.msg} (column {err.colno})") from None
    if not isinstance(record, dict):
        raise InputError(source, f"a record must be a JSON object, not {_json_type(record)}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, "the record has no 'text' (a non-empty string is required)")
    for name in _STRING_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise InputError(source, f"'{name}' must be a string, not {_json_type(record[name])}")
    ident = record.get("id")
    if ident is not None and not isinstance(ident, str | int):
        raise InputError(source, f"'id' must be a string or a number, not {_json_type(ident)}")
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


def _json_type(value: object) -> str:
    """The JSON name of a value's type ("an array", "a number", ...)."""
    names = {list: "an array", dict: "an object", str: "a string", bool: "true/false",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
