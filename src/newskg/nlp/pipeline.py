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
from spacy.util import compile_infix_regex, compile_prefix_regex

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


def _tune_tokenizer(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes) + [GLUED_WORDS]
    prefixes = [LEADING_DASH] + list(nlp.Defaults.prefixes)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search


def build_pipeline(lang: str) -> Language:
    """A fresh pipeline for `lang` ("id" or "en")."""
    if lang not in supported_languages():
        raise NewskgError(f"no pipeline for language {lang!r}; supported: {', '.join(supported_languages())}")
    nlp = spacy.blank(lang)
    _tune_tokenizer(nlp)
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
