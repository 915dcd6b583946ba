"""Pure functions from a spaCy Doc to Facts: entities, events, roles, quotes, dates, modality.

`extract_facts(article)` runs the language's pipeline over the article body (metadata blanked out,
offsets kept) and reads every kind of fact from the resulting Doc.
"""
from __future__ import annotations

from ..article import Article
from ..facts import Facts
from ..nlp.gazetteer import Gazetteer
from ..nlp.lexicon import lexicon
from ..nlp.pieces import make_docs
from ..nlp.pipeline import get_pipeline
from .arguments import ArgumentReader
from .entities import EntityIndex, resolve_entities
from .events import Context, extract_events
from .quotes import extract_quotes
from .roles import extract_positions

__all__ = ["extract_facts", "extract_many", "facts_from_doc"]


def extract_facts(article: Article) -> Facts:
    """Everything newskg reads from one article (its `lang` must be set)."""
    if not article.lang:
        from ..ingest.lang import detect_language
        article.lang = detect_language(article.body, article.source)
    nlp = get_pipeline(article.lang)
    return facts_from_doc(make_docs(nlp, [article.body])[0], article)


def extract_many(articles: list[Article]) -> list[Facts | Exception]:
    """Facts, or the exception its extraction raised, for each article (all of one language,
    `lang` set).  The texts go through `nlp.pipe` together: spaCy's trained components are faster
    on batches (long texts in pieces, see `newskg.nlp.pieces`).  If the batch itself fails, each
    article is read alone."""
    nlp = get_pipeline(articles[0].lang)
    try:
        docs = make_docs(nlp, [a.body for a in articles], batch_size=max(len(articles), 1))
    except Exception:
        docs = None
    out: list[Facts | Exception] = []
    for k, article in enumerate(articles):
        try:
            out.append(facts_from_doc(docs[k], article) if docs is not None else extract_facts(article))
        except Exception as exc:   # one bad article must not stop the others
            out.append(exc)
    return out


def facts_from_doc(doc, article: Article) -> Facts:
    """Facts of an article from its already-processed Doc."""
    nlp = get_pipeline(article.lang)
    lang = article.lang
    index: EntityIndex = resolve_entities(doc, Gazetteer.load(lang))
    recognizer = nlp.get_pipe("newskg_entities")
    titles = lexicon(nlp, lang, "titles").matches(doc)
    roles = extract_positions(doc, index, titles, recognizer.demonyms)
    cues = lexicon(nlp, lang, "cues").matches(doc)
    triggers = lexicon(nlp, lang, "triggers").matches(doc)
    outlets = {k for k, entry in index.entries.items() if entry.kind == "outlet"}
    reader = ArgumentReader(doc, index, roles, cues, recognizer.demonyms.matches(doc), outlets)
    ctx = Context(reader=reader, triggers=triggers, lang=lang, published=article.published_date, roles=roles)
    events = extract_events(doc, ctx)
    speech = {i for m in cues if m.row.get("cue", "").startswith("speech") for i in range(m.start, m.end)}
    quotes = extract_quotes(doc, index, speech, roles.title_tokens)
    cited = [e.key for e in index.entities if e.key in outlets]
    return Facts(article=article, entities=index.entities, events=events,
                 positions=roles.positions, quotes=quotes, cites=cited)
