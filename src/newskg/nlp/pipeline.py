"""One spaCy pipeline per language, built once per process and reused.

A pipeline is newskg's `newskg_sentences` (sentence boundaries that survive news copy), then the
statistical components of a trained spaCy pipeline (tagger, parser, ner … — the one shipped in
`newskg/models/<lang>/`, or any installed pipeline the user names, e.g. `en_core_web_sm`), then
`newskg_entities` (gazetteer, title patterns, name rules; it keeps the model's entities where the
rules know nothing better). Without a trained pipeline the rules run on spaCy's blank language.
The tokenizer always gets newskg's two news fixes (glued words, a dash glued after a dateline).
"""
from __future__ import annotations

import threading
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex

from . import entities as _entities  # noqa: F401  (registers newskg_entities)
from . import sentences as _sentences  # noqa: F401  (registers newskg_sentences)
from .. import resources
from ..errors import NewskgError
from ..paths import MODELS_DIR

# "agendaKTT" → "agenda" "KTT": a lower-case run glued to a capitalised word (a missing space)
GLUED_WORDS = r"(?<=[a-z]{4})(?=[A-Z])"
# "-Di tengah" → "-" "Di": a dash glued to the next word after a dateline
LEADING_DASH = r"-(?=[A-Z])"

_lock = threading.Lock()
RULES_ONLY = "rules"            # model choice meaning: no trained pipeline, rules on a blank language
_choices: dict[str, str] = {}   # lang -> pipeline name or path chosen by the user


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


def shipped_model(lang: str) -> Path | None:
    """The trained pipeline bundled with newskg for `lang`, if the package carries one."""
    path = MODELS_DIR / lang
    return path if (path / "config.cfg").exists() else None


def use_models(choices: Mapping[str, str | None]) -> dict[str, str | None]:
    """Choose the trained spaCy pipeline per language for this process: an installed package name
    ("en_core_web_sm"), a path, "rules" for none, or None for the bundled model again. Languages
    not named keep their choice. Returns the previous choices of the languages named."""
    with _lock:
        previous = {lang: _choices.get(lang) for lang in choices}
        for lang, model in choices.items():
            if model is None:
                _choices.pop(lang, None)
            else:
                _choices[lang] = str(model)
        _cached.cache_clear()
    return previous


def model_for(lang: str) -> str | None:
    """The pipeline `get_pipeline(lang)` builds on: the user's choice, else the bundled model."""
    choice = _choices.get(lang)
    if choice is not None:
        return None if choice == RULES_ONLY else choice
    shipped = shipped_model(lang)
    return str(shipped) if shipped else None


def _tune_tokenizer(nlp: Language) -> None:
    """Give a loaded pipeline's tokenizer newskg's prefix/infix additions (rebuilt once)."""
    cls = _language_class(nlp.lang)
    old = nlp.tokenizer
    nlp.tokenizer = Tokenizer(
        nlp.vocab, rules=cls.Defaults.tokenizer_exceptions,
        prefix_search=compile_prefix_regex(cls.Defaults.prefixes).search,
        suffix_search=old.suffix_search,
        infix_finditer=compile_infix_regex(cls.Defaults.infixes).finditer,
        token_match=old.token_match, url_match=old.url_match)


def build_pipeline(lang: str, model: str | None = None) -> Language:
    """A fresh pipeline for `lang` ("id" or "en") on the trained pipeline `model` (a package name
    or path; None: `model_for(lang)`; "rules": none)."""
    if lang not in supported_languages():
        raise NewskgError(f"no pipeline for language {lang!r}; supported: {', '.join(supported_languages())}")
    model = model_for(lang) if model is None else (None if model == RULES_ONLY else model)
    if model is None:
        nlp = _language_class(lang)()
    else:
        try:
            nlp = spacy.load(model)
        except (OSError, IOError) as exc:
            raise NewskgError(f"cannot load the spaCy pipeline {model!r} for {lang}: {exc}. Install it "
                              f"(pip install …) or pass a path to a pipeline folder") from exc
        if nlp.lang != lang:
            raise NewskgError(f"the spaCy pipeline {model!r} is for {nlp.lang!r}, not {lang!r}")
        _tune_tokenizer(nlp)
    nlp.add_pipe("newskg_sentences", first=True)
    nlp.add_pipe("newskg_entities", config={"lang": lang}, last=True)
    return nlp


@lru_cache(maxsize=None)
def _cached(lang: str) -> Language:
    return build_pipeline(lang)


def get_pipeline(lang: str) -> Language:
    """The process-wide pipeline for `lang`, built on first use (thread-safe)."""
    with _lock:
        return _cached(lang)
