"""Entities of one article: every mention of one thing becomes one Entity with a canonical name.

Gazetteer matches carry their canonical entry.  People found by rules are clustered: a bare
surname or first name ("Putin", "Xi") joins the one full name in the article that has it
("Vladimir Putin", "Xi Jinping"); a nickname in quotes or brackets ("Joko “Jokowi” Widodo",
"Joko Widodo (Jokowi)") is an alias, not part of the name, and so is a name after an alias cue
(`cues.tsv`, kind `alias`: "X, also known as Y", "X alias Y", "X yang dikenal sebagai Y"): both are one
entity.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span as SpacySpan

from .. import resources
from ..facts import Entity, Span
from ..nlp.gazetteer import GazEntry, Gazetteer, fold
from ..nlp.sentences import token_texts

QUOTES = "\"“”‘’'«»"
NICKNAME_IN_QUOTES = re.compile(r"\s*[\"“‘«]([^\"”’»]+)[\"”’»]\s*")
LEADING_ARTICLE = re.compile(r"^(?:the|The)\s+")


@dataclass
class EntityIndex:
    """The article's entities and, for each spaCy entity span, the key of its Entity."""
    entities: list[Entity] = field(default_factory=list)
    by_token: dict[int, str] = field(default_factory=dict)     # token index -> entity key
    entries: dict[str, GazEntry] = field(default_factory=dict)  # entity key -> gazetteer entry

    def key_at(self, token_i: int) -> str | None:
        return self.by_token.get(token_i)

    def get(self, key: str) -> Entity:
        for e in self.entities:
            if e.key == key:
                return e
        raise KeyError(key)


def person_name(span: SpacySpan) -> tuple[str, list[str]]:
    """The clean name of a person mention and any nicknames written inside it.

    A quoted nickname inside the name ("Joko “Jokowi” Widodo") is removed from the name.
    """
    text = span.text
    nicks = NICKNAME_IN_QUOTES.findall(text)
    name = NICKNAME_IN_QUOTES.sub(" ", text)
    name = " ".join(name.replace("’s", "").replace("'s", "").split())
    return name.strip(QUOTES + " ,"), [n.strip() for n in nicks]


def _parenthetical_nickname(doc: Doc, ent: SpacySpan) -> str | None:
    """"Joko Widodo (Jokowi)" → "Jokowi": a single capitalised word in brackets right after a name."""
    i = ent.end
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].text[:1].isupper():
        w = doc[i + 1].text
        if w.isalpha() and not w.isupper():
            return w
    return None


def resolve_entities(doc: Doc, gaz: Gazetteer) -> EntityIndex:
    """Group the doc's entity spans into Entities (one per real thing in this article)."""
    index = EntityIndex()
    clusters: dict[str, Entity] = {}
    order: list[str] = []

    def cluster(key: str, typ: str, name: str, entry: GazEntry | None) -> Entity:
        if key not in clusters:
            clusters[key] = Entity(key=key, type=typ, name=name,
                                   qid=(entry.qid or None) if entry else None,
                                   kind=(entry.kind or None) if entry else None)
            order.append(key)
            if entry:
                index.entries[key] = entry
        return clusters[key]

    def attach(ent: SpacySpan, key: str) -> None:
        clusters[key].mentions.append(Span(ent.start_char, ent.end_char, ent.text))
        for t in range(ent.start, ent.end):
            index.by_token[t] = key

    people: list[SpacySpan] = []
    for ent in doc.ents:
        if ent.kb_id_:
            entry = gaz.entry(ent.kb_id_)
            if entry is not None:
                cluster(entry.id, entry.type, entry.name, entry)
                attach(ent, entry.id)
                continue
        if ent.label_ == "Person":
            people.append(ent)
            continue
        name = LEADING_ARTICLE.sub("", ent.text).strip(QUOTES + " ,")
        known = [e for e in gaz.lookup(name) if e.type == ent.label_]
        if known:
            cluster(known[0].id, known[0].type, known[0].name, known[0])
            attach(ent, known[0].id)
        else:
            key = f"{ent.label_}:{name}"
            cluster(key, ent.label_, name, None)
            attach(ent, key)

    _cluster_people(doc, people, gaz, cluster, attach, clusters)
    _join_aliases(doc, clusters, order, index)
    _fold_short_references(clusters, order, index)
    # deterministic keys in order of first mention
    ordered = sorted(order, key=lambda k: clusters[k].mentions[0].start if clusters[k].mentions else 0)
    rename = {k: f"e{i + 1}" for i, k in enumerate(ordered)}
    for k in ordered:
        e = clusters[k]
        e.key = rename[k]
        index.entities.append(e)
    index.by_token = {t: rename[k] for t, k in index.by_token.items()}
    index.entries = {rename[k]: v for k, v in index.entries.items()}
    return index


@lru_cache(maxsize=None)
def _alias_cues(lang: str) -> tuple[tuple[str, ...], ...]:
    """The alias cues of a language as lower-case word tuples, longest first."""
    forms = {tuple(r["form"].lower().split()) for r in resources.read_tsv(lang, "cues.tsv")
             if r.get("cue") == "alias" and r.get("form")}
    return tuple(sorted(forms, key=len, reverse=True))


def _join_aliases(doc: Doc, clusters: dict[str, Entity], order: list[str], index: EntityIndex) -> None:
    """"X, also known as Y" / "X alias Y": the entity named right after an alias cue is the one
    named right before it (two gazetteer entries are never joined; a nickname of another type
    than the name it follows takes the name's type)."""
    cues = _alias_cues(doc.lang_)
    if not cues:
        return
    texts = token_texts(doc)
    lower = [t.lower() for t in texts]
    n = len(doc)
    for i in range(1, n):
        before = index.by_token.get(i - 1)
        if before is None and i >= 2 and texts[i - 1] == ",":
            before = index.by_token.get(i - 2)
        if before is None or index.by_token.get(i) == before:
            continue
        for cue in cues:
            j = i + len(cue)
            if tuple(lower[i:j]) != cue:
                continue
            if j < n and doc[j].text in {",", ":"}:
                j += 1
            after = index.by_token.get(j)
            if after is None or after == before or (j > 0 and index.by_token.get(j - 1) == after):
                break
            a, b = clusters.get(before), clusters.get(after)
            if a is None or b is None or (before in index.entries and after in index.entries):
                break
            keep, drop = (after, before) if after in index.entries else (before, after)
            if a.type != b.type and drop != after:
                break     # a nickname the model typed otherwise ("Digong") takes the name's type
            target = clusters[keep]
            target.mentions.extend(clusters[drop].mentions)
            target.mentions.sort(key=lambda m: m.start)
            for t, k in list(index.by_token.items()):
                if k == drop:
                    index.by_token[t] = keep
            order.remove(drop)
            del clusters[drop]
            break


def _fold_short_references(clusters: dict[str, Entity], order: list[str], index: EntityIndex) -> None:
    """An unknown one-word organisation or place that is the head of a longer name of the same
    type in the article is that name: "the Commission" after "European Commission"."""
    for key in list(order):
        ent = clusters[key]
        if ent.type not in {"Organization", "Place"} or key in index.entries or len(ent.name.split()) != 1:
            continue
        heads = [k for k in order if k != key and clusters[k].type == ent.type
                 and len(clusters[k].name.split()) > 1
                 and any(fold(m.text).split()[-1:] == [fold(ent.name)] for m in clusters[k].mentions)]
        if len(heads) != 1:
            continue
        target = clusters[heads[0]]
        target.mentions.extend(ent.mentions)
        target.mentions.sort(key=lambda m: m.start)
        for t, k in list(index.by_token.items()):
            if k == key:
                index.by_token[t] = heads[0]
        order.remove(key)
        del clusters[key]


def _cluster_people(doc, people, gaz, cluster, attach, clusters) -> None:
    """Cluster person mentions: full names first, then bare name parts join the unique full name."""
    full: dict[str, str] = {}       # clean full name -> cluster key
    parts: dict[str, set[str]] = {}  # single name token -> cluster keys
    singles: list[tuple[SpacySpan, str, list[str]]] = []
    # existing gazetteer people (matched as such) also own their name parts
    for key, ent in clusters.items():
        if ent.type == "Person":
            toks = ent.name.split()
            if len(toks) >= 2:
                for p in (toks[0], toks[-1]):
                    parts.setdefault(fold(p), set()).add(key)
            for m in ent.mentions:          # one-word forms seen of it ("Jokowi")
                if len(m.text.split()) == 1:
                    parts.setdefault(fold(m.text), set()).add(key)
    for ent in sorted(people, key=lambda e: -len(e)):
        name, nicks = person_name(ent)
        nick = _parenthetical_nickname(doc, ent)
        if nick:
            nicks.append(nick)
        if len(name.split()) < 2:
            singles.append((ent, name, nicks))
            continue
        known = [e for e in gaz.lookup(name) if e.type == "Person"] or gaz.people_containing(name)
        if known:
            key = known[0].id
            cluster(key, "Person", known[0].name, known[0])
        elif fold(name) in full:
            key = full[fold(name)]
        else:
            # a longer form of a name already seen ("Retno L.P Marsudi" / "Retno Marsudi")
            key = next((k for n, k in full.items()
                        if set(fold(name).split()) >= set(n.split()) or set(n.split()) >= set(fold(name).split())),
                       None) or _known_with_middle_names(name, clusters) or f"Person:{name}"
            cluster(key, "Person", name, None)
        full.setdefault(fold(name), key)
        attach(ent, key)
        toks = name.split()
        for p in (toks[0], toks[-1], *nicks):
            parts.setdefault(fold(p), set()).add(key)
    for ent, name, nicks in singles:
        owners = parts.get(fold(name), set())
        if not owners:
            owners = _misspelt_owner(name, parts)
        if len(owners) == 1:
            key = next(iter(owners))
        else:
            known = [e for e in gaz.lookup(name) if e.type == "Person"]
            if known:
                key = known[0].id
                cluster(key, "Person", known[0].name, known[0])
            else:
                key = f"Person:{name}"
                cluster(key, "Person", name, None)
        attach(ent, key)


def _known_with_middle_names(name: str, clusters: dict[str, Entity]) -> str | None:
    """The one person of the article whose name is this name without its middle names
    ("Retno L.P Marsudi" beside the gazetteer's "Retno Marsudi", matched elsewhere in the article)."""
    words = fold(name).split()

    def shorter_form(other: str) -> bool:
        w = fold(other).split()
        return len(w) >= 2 and w[0] == words[0] and w[-1] == words[-1] and set(w) <= set(words)

    hits = [k for k, e in clusters.items() if e.type == "Person" and shorter_form(e.name)]
    return hits[0] if len(hits) == 1 else None


def _misspelt_owner(name: str, parts: dict[str, set[str]]) -> set[str]:
    """The person whose name part a lone word misspells by one letter ("Jokori" for "Jokowi"):
    only for words of five letters or more, and only when exactly one person fits."""
    word = fold(name)
    if len(word) < 5:
        return set()
    owners: set[str] = set()
    for part, keys in parts.items():
        if len(part) == len(word) and part[0] == word[0] and sum(a != b for a, b in zip(part, word)) == 1:
            owners |= keys
    return owners if len(owners) == 1 else set()
