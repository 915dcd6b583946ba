"""Positions: who holds which office, read from titles next to names.

Patterns (titles from `resources/<lang>/titles.tsv`, demonyms from `demonyms.tsv`):
- title [of-complement] name: "Presiden Rusia Vladimir Putin", "Menteri Luar Negeri RI, Retno Marsudi",
  "President of Indonesia Joko Widodo";
- [complement] title name (English): "US President Joe Biden", "Russia's President Vladimir Putin";
- title … complement-person, name: "Asisten kebijakan luar negeri Putin, Yuri Ushakov";
- name, [the] [complement] title: "Jon Finer, the US deputy national security adviser".
Returns the positions and the tokens of every complement used (a country named inside a title is
not, by itself, a party to an event).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..facts import Position, Span
from ..nlp.lexicon import LexMatch, Lexicon
from ..nlp.sentences import doc_text, sentence_at
from .entities import EntityIndex

OF_WORDS = {"of", "untuk", "for", "dari"}
NOT_POSITIONS = {"relation"}   # title kinds that name a relation, not an office ("counterpart", "mitra")


@dataclass
class RoleReading:
    positions: list[Position] = field(default_factory=list)
    complement_tokens: set[int] = field(default_factory=set)
    title_tokens: set[int] = field(default_factory=set)
    title_matches: list[LexMatch] = field(default_factory=list)
    relations: dict[str, str] = field(default_factory=dict)   # person -> country a relation title names


def _sentence_span(doc: Doc, i: int) -> Span:
    s = sentence_at(doc, i)
    return Span.of(doc_text(doc), s.start_char, s.end_char)


def extract_positions(doc: Doc, index: EntityIndex, titles: list[LexMatch],
                      demonyms: Lexicon) -> RoleReading:
    """Positions held by the article's people; see the module docstring for the patterns."""
    reading = RoleReading(title_matches=list(titles))
    dem = {m.start: m for m in demonyms.matches(doc)}
    found: dict[tuple[str, str], Position] = {}

    def entity_span(i: int) -> tuple[str, int] | None:
        """(entity key, end token) of the entity starting at token i."""
        key = index.key_at(i)
        if key is None or (i > 0 and index.key_at(i - 1) == key):
            return None
        j = i
        while j < len(doc) and index.key_at(j) == key:
            j += 1
        return key, j

    def typ(key: str) -> str:
        return index.get(key).type

    def add(holder: str, m: LexMatch, of: str | None, used: list[int]) -> None:
        title = m.row.get("title") or doc[m.start:m.end].text
        if typ(holder) != "Person" or holder == of:
            return
        reading.complement_tokens.update(used)
        if m.row.get("kind") in NOT_POSITIONS:
            if of is not None and typ(of) == "Country":
                reading.relations.setdefault(holder, of)
            return
        key = (holder, title.lower())
        pos = found.get(key)
        if pos is None:
            pos = Position(key=f"p{len(found) + 1}", holder=holder, title=title, of=of,
                           surface=doc[m.start:m.end].text)
            found[key] = pos
        elif pos.of is None and of is not None:
            pos.of = of
        ev = _sentence_span(doc, m.start)
        if ev not in pos.evidence:
            pos.evidence.append(ev)

    def complement_right(j: int) -> tuple[str | None, int, list[int]]:
        of, used = None, []
        for _ in range(3):
            if j < len(doc) and doc[j].lower_ in OF_WORDS and j + 1 < len(doc) and index.key_at(j + 1):
                j += 1
            hit = entity_span(j) if j < len(doc) else None
            if hit and typ(hit[0]) in {"Country", "Organization", "Place"}:
                of = of or hit[0]
                used.extend(range(j, hit[1]))
                j = hit[1]
                continue
            if j in dem:
                of = of or _country_key(index, dem[j].row.get("name", ""))
                j = dem[j].end
                continue
            if j < len(doc) and doc[j].text == "(":
                k = j + 1
                while k < len(doc) and k - j < 5 and doc[k].text != ")":
                    k += 1
                if k < len(doc) and doc[k].text == ")":
                    j = k + 1
                    continue
            break
        return of, j, used

    def complement_left(i: int) -> tuple[str | None, list[int]]:
        k = i - 1
        if k >= 0 and doc[k].lower_ in {"'s", "’s"}:
            k -= 1
        if k < 0:
            return None, []
        key = index.key_at(k)
        if key and typ(key) in {"Country", "Organization"}:
            s = k
            while s > 0 and index.key_at(s - 1) == key:
                s -= 1
            return key, list(range(s, k + 1))
        for start, m in dem.items():
            if m.end - 1 == k:
                return _country_key(index, m.row.get("name", "")), []
        return None, []

    for m in titles:
        reading.title_tokens.update(range(m.start, m.end))
        of, j, used = complement_right(m.end)
        if of is None:
            of, used_left = complement_left(m.start)
            used = used + used_left
        if j < len(doc) and doc[j].text == ",":
            j += 1
        hit = entity_span(j) if j < len(doc) else None
        if hit and typ(hit[0]) == "Person":
            add(hit[0], m, of, used)
            continue
        # title … person-complement , holder
        k = m.end
        owner = None
        while k < len(doc) and k - m.end < 7 and doc[k].text not in {",", ".", "\n"} and not doc[k].is_space:
            key = index.key_at(k)
            if key and owner is None:
                owner = key
            k += 1
        if k + 1 < len(doc) and doc[k].text == ",":
            hit = entity_span(k + 1)
            if hit and typ(hit[0]) == "Person":
                add(hit[0], m, owner if owner != hit[0] else of, used)
                continue
        # holder , [the] title
        k = m.start - 1
        while k >= 0 and m.start - k <= 4 and doc[k].text != ",":
            k -= 1
        if k > 0 and doc[k].text == ",":
            key = index.key_at(k - 1)
            if key and typ(key) == "Person":
                add(key, m, of, used)
    reading.positions = list(found.values())
    return reading


def _country_key(index: EntityIndex, name: str) -> str | None:
    for e in index.entities:
        if e.name == name and e.type == "Country":
            return e.key
    return None
