"""Plain-text articles: a raw text (or a `.txt` file) → an Article with its metadata found."""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from ..article import Article
from ..errors import InputError
from .dates import parse_published
from .decode import read_text_file
from .lang import detect_language, normalise_language
from .metadata import find_metadata

#: fewer letters than this left in the body after blanking metadata: detect on the whole text
_MIN_BODY_LETTERS = 20


def article_from_text(text: str, *, source: str = "<text>", id: str | None = None,
                      url: str | None = None, title: str | None = None,
                      published: date | datetime | str | None = None,
                      publisher: str | None = None, lang: str | None = None) -> Article:
    """An Article for a raw news text, its metadata lines found and its language set.

    Fields given here win over those found in the text; `published` may be a date, a datetime or
    an ISO string; `lang` None or "auto" means detect.  Raises InputError for an empty text, a bad
    `published` value or a language newskg cannot read (UnsupportedLanguage).

    >>> a = article_from_text("Jokowi Bertemu Xi Jinping\\n\\nSenin, 25 Juli 2022 | 10:10\\n\\n"
    ...     "Jakarta (ANTARA) - Presiden Joko Widodo bertemu Presiden Xi Jinping di Beijing, Senin.\\n"
    ...     "Baca juga: Jokowi Tiba di Beijing\\n", published="2022-07-26")
    >>> a.title, a.published, a.publisher, a.lang, a.related_links
    ('Jokowi Bertemu Xi Jinping', datetime.date(2022, 7, 26), 'ANTARA', 'id', ['Jokowi Tiba di Beijing'])
    >>> "Baca juga" in a.body, "Presiden Joko Widodo bertemu" in a.body
    (False, True)
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, "empty article: there is no text")
    for name, value in (("text", text), ("id", id), ("url", url), ("title", title),
                        ("publisher", publisher)):
        _check_unicode(value, name, source)
    chosen = normalise_language(lang, source)
    given_published = parse_published(published, source)
    md = find_metadata(text)
    article = Article(
        text=text, source=source, id=id, url=url,
        title=title or md.title,
        published=given_published if given_published is not None else md.published,
        publisher=publisher or md.publisher,
        authors=md.authors, editors=md.editors, credits=md.credits, tags=md.tags,
        related_links=md.related_links, dateline_place=md.dateline_place,
        segments=md.segments,
    )
    if chosen is None:
        body = article.body
        sample = body if sum(c.isalpha() for c in body) >= _MIN_BODY_LETTERS else text
        chosen = detect_language(sample, source)
    article.lang = chosen
    return article


def read_txt(path: Path, lang: str | None = None, source: str | None = None) -> Article:
    """The Article of a `.txt` file; raises InputError when the file cannot be read as one."""
    source = source or str(path)
    text, warnings = read_text_file(path, source)
    article = article_from_text(text, source=source, lang=lang)
    article.warnings.extend(warnings)
    return article


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_unicode(value: object, name: str, source: str) -> None:
    """Raise InputError when a string holds an unpaired surrogate (a JSON "\\ud800"): it is no
    Unicode character, and no RDF file or store can hold it.

    >>> _check_unicode("a \\ud800 b", "text", "c.jsonl:2")
    Traceback (most recent call last):
    newskg.errors.InputError: c.jsonl:2: text: holds an unpaired surrogate (U+D800 at character 2), which is not Unicode text
    """
    if isinstance(value, str):
        bad = _SURROGATE.search(value)
        if bad:
            raise InputError(source, f"{name}: holds an unpaired surrogate (U+{ord(bad.group()):04X} "
                                     f"at character {bad.start()}), which is not Unicode text")
