"""Language detection: which supported language ("id", "en", …) an article is written in.

Supported languages are those with a folder in `newskg/resources` (`resources.languages()`).
langdetect is seeded, so the same text always gets the same answer.  Codes a detector reports for a
supported language (Malay for Indonesian) are mapped through `common/language_aliases.tsv`.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from .. import resources
from ..errors import InputError, UnsupportedLanguage
from .patterns import language_aliases

#: below this many words a Latin-script text is too short for a 55-language detector to be trusted;
#: the choice is then made among the supported languages only
SHORT_TEXT_WORDS = 8
_SEED = 0
_WORD = re.compile(r"[^\W\d_]{2,}")


def supported_languages() -> list[str]:
    """The language codes newskg can read, e.g. ['en', 'id']."""
    return resources.languages()


def normalise_language(lang: str | None, source: str = "<text>") -> str | None:
    """A caller's language choice: None for "detect" (None, "", "auto"), else a supported code.

    >>> normalise_language("auto") is None, normalise_language(" ID ")
    (True, 'id')
    >>> normalise_language("fr", "a.txt")
    Traceback (most recent call last):
    newskg.errors.InputError: a.txt: unsupported language 'fr' (choose auto, en or id)
    """
    if lang is None or not lang.strip() or lang.strip().lower() == "auto":
        return None
    code = language_aliases().get(lang.strip().lower(), lang.strip().lower())
    if code not in supported_languages():
        choices = _join(["auto"] + supported_languages(), "or")
        raise InputError(source, f"unsupported language {lang!r} (choose {choices})")
    return code


def detect_language(text: str, source: str = "<text>") -> str:
    """The supported language code of `text`; raises UnsupportedLanguage naming what was found.

    >>> detect_language("Presiden Joko Widodo bertemu Presiden Tiongkok Xi Jinping di Beijing pada Selasa.")
    'id'
    >>> detect_language("President Joe Biden met Chinese President Xi Jinping in Bali on Monday.")
    'en'
    >>> detect_language("Президент России Владимир Путин встретился с Си Цзиньпином.", "ru.txt")
    Traceback (most recent call last):
    newskg.errors.UnsupportedLanguage: ru.txt: the text is in 'ru', which newskg cannot read (it reads en and id); pass --lang to force one
    """
    words = _WORD.findall(text)
    if not words:
        raise UnsupportedLanguage(source, "no words to detect a language from")
    supported = supported_languages()
    ranked = _ranked(text, _full_factory())
    found = ranked[0][0] if ranked else "unknown"
    if found in supported:
        return found
    if len(words) < SHORT_TEXT_WORDS and _mostly_latin(text):
        restricted = _ranked(text, _supported_factory())
        if restricted:
            return restricted[0][0]
    raise UnsupportedLanguage(source, f"the text is in {found!r}, which newskg cannot read "
                                      f"(it reads {_join(supported, 'and')}); pass --lang to force one")


def _join(items: list[str], conjunction: str) -> str:
    """The items joined as "a, b and c" (or "a, b or c")."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _ranked(text: str, factory) -> list[tuple[str, float]]:
    """(language, probability) best first, aliases merged into the language they stand for."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = factory.create()
    detector.append(text)
    try:
        probs = detector.get_probabilities()
    except LangDetectException:
        return []
    aliases = language_aliases()
    merged: dict[str, float] = {}
    for p in probs:
        code = aliases.get(p.lang, p.lang)
        merged[code] = merged.get(code, 0.0) + p.prob
    return sorted(merged.items(), key=lambda kv: -kv[1])


def _mostly_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    return bool(letters) and latin / len(letters) > 0.8


@lru_cache(maxsize=1)
def _full_factory():
    """A seeded langdetect factory with every profile langdetect ships."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(_SEED)
    return factory


@lru_cache(maxsize=1)
def _supported_factory():
    """A seeded langdetect factory that knows only the supported languages (and their aliases)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    wanted = set(supported_languages()) | {
        found for found, lang in language_aliases().items() if lang in supported_languages()}
    profiles = [p.read_text(encoding="utf-8") for p in sorted(Path(PROFILES_DIRECTORY).iterdir())
                if p.name in wanted]
    factory = DetectorFactory()
    factory.load_json_profile(profiles)
    factory.set_seed(_SEED)
    return factory
