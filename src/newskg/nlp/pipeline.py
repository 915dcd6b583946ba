"""One spaCy pipeline per language, built once per process and reused.

The pipeline is a blank spaCy language (tokenizer with small news fixes) followed by newskg's
components: `newskg_sentences` (sentence boundaries), an optional trained `ner` (a statistical
model slots in here), and `newskg_entities` (gazetteer, title patterns, name rules; it keeps the
model's entities where the rules know nothing better).
"""
from __future__ import annotations

import threading
from functools import lru_cache

import spacy
from spacy.language import Language

from . import entities as _entities  # noqa: F401  (registers newskg_entities)
from . import sentences as _sentences  # noqa: F401  (registers newskg_sentences)
from .. import resources
from ..errors import NewskgError

# "agendaKTT" → "agenda" "KTT": a lower-case run glued to a capitalised word (a missing space)
GLUED_WORDS = r"(?<=[a-z]{4})(?=[A-Z])"
# "-Di tengah" → "-" "Di": a dash glued to the next word after a dateline
LEADING_DASH = r"-(?=[A-Z])"

_lock = threading.Lock()


def supported_languages() -> list[str]:
    """Languages newskg has data for (and so a pipeline)."""
    return resources.languages()


def _language_class(lang: str) -> type[Language]:
    """spaCy's language class for `lang` with newskg's extra prefix/infix rules in its defaults,
    so the tokenizer (and its thousands of exceptions) is built once, already tuned."""
    base = spacy.util.get_lang_class(lang)
    defaults = type(f"Newskg{lang.title()}Defaults", (base.Defaults,), {
        "prefixes": [LEADING_DASH] + list(base.Defaults.prefixes or []),
        "infixes": list(base.Defaults.infixes or []) + [GLUED_WORDS],
    })
    return type(f"Newskg{base.__name__}", (base,), {"Defaults": defaults})


def build_pipeline(lang: str) -> Language:
    """A fresh pipeline for `lang` ("id" or "en")."""
    if lang not in supported_languages():
        raise NewskgError(f"no pipeline for language {lang!r}; supported: {', '.join(supported_languages())}")
    nlp = _language_class(lang)()
    nlp.add_pipe("newskg_sentences")
    nlp.add_pipe("newskg_entities", config={"lang": lang})
    return nlp


@lru_cache(maxsize=None)
def _cached(lang: str) -> Language:
    return build_pipeline(lang)


def get_pipeline(lang: str) -> Language:
    """The process-wide pipeline for `lang`, built on first use (thread-safe)."""
    with _lock:
        return _cached(lang)
