"""Reading the arguments of an event trigger from the words around it.

The `ArgumentReader` knows, for one Doc, which tokens are entities, titles, demonyms, dates and
cue words, and answers the questions event extraction asks:
- `subject(i)` / `objects(i)`: the entities coordinated before / after token i ("Putin dan Xi
  Jinping bertemu", "met with Russian President Vladimir Putin, Turkish President Recep Tayyip
  Erdogan and Iran's Ebrahim Raisi"), skipping titles, demonyms, dates and bracketed remarks;
  pronouns ("he", "dia") stand for the sentence topic before them, group words ("the pair",
  "kedua pemimpin") for the parties of the latest event, definite descriptions ("the prime
  minister", "the Chinese leader", "the Kazakhstan president") for the person holding that office
  or, when none is named, the country;
- `topic(i)`: the person the text was last about (first person named in a recent sentence);
- `location(lo, hi)`: the first place after a locative preposition;
- `organizer(match)`: the organisation written next to a summit word.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..nlp.lexicon import LexMatch
from ..nlp.sentences import sentence_at, sentences
from .dates import date_spans
from .entities import EntityIndex
from .roles import RoleReading

AGENT_TYPES = {"Person", "Organization", "Country"}
PLACE_TYPES = {"Place", "Country"}
COORD = {",", "dan", "and", "serta", "&", "maupun", "-", "–"}
MAX_CHAIN = 24


@dataclass
class Chain:
    """Entities read in one direction from a trigger."""
    keys: list[str] = field(default_factory=list)
    marked: bool = False      # reached through "with"/"dengan"/"between"/"antara"/"by"/"oleh"
    places: list[str] = field(default_factory=list)   # places met on the way (destinations)
    unnamed: bool = False     # the subject is someone the text does not name ("Lee's chief of staff")


class DateTokens:
    """The tokens inside date expressions ("pada Rabu (14/9)", "on Nov. 15"), as a set a reader
    asks `i in …`: each sentence's dates are found the first time one of its tokens is asked
    about (most sentences tell no event, so most are never looked at)."""

    def __init__(self, doc: Doc, sents: list, starts: list[int]):
        self.doc, self.sents, self.starts = doc, sents, starts
        self._found: dict[int, set[int]] = {}

    def __contains__(self, i: int) -> bool:
        if not 0 <= i < len(self.doc) or not self.sents:
            return False
        k = bisect.bisect_right(self.starts, i) - 1
        tokens = self._found.get(k)
        if tokens is None:
            sent, tokens = self.sents[k], set()
            for s, e in date_spans(sent.text, self.doc.lang_, offset=sent.start_char):
                span = self.doc.char_span(s, e, alignment_mode="expand")
                if span is not None:
                    tokens.update(range(span.start, span.end))
            self._found[k] = tokens
        return i in tokens


class ArgumentReader:
    """Argument lookups over one Doc (see the module docstring)."""

    def __init__(self, doc: Doc, index: EntityIndex, roles: RoleReading, cues: list[LexMatch],
                 demonyms: list[LexMatch], outlets: set[str]):
        self.doc, self.index, self.roles, self.outlets = doc, index, roles, outlets
        self._parsed: bool | None = None
        self.cue_at: dict[int, str] = {}
        self.cue_match: dict[int, LexMatch] = {}
        for m in cues:
            for i in range(m.start, m.end):
                self.cue_at[i] = m.row.get("cue", "")
                self.cue_match[i] = m
        self.demonym_at = {i: m for m in demonyms for i in range(m.start, m.end)}
        self.title_at = {}
        for p in roles.title_matches:
            for i in range(p.start, p.end):
                self.title_at[i] = p
        self.holders = {p.holder for p in roles.positions}
        self._sents = sentences(doc)
        self._sent_starts = [sent.start for sent in self._sents]
        self._sent_chars = [sent.start_char for sent in self._sents]
        self.date_tokens = DateTokens(doc, self._sents, self._sent_starts)
        self.source_tokens = self._sources()
        self._topics = self._sentence_topics()
        self.group: list[str] = []     # parties of the latest event with two or more

    # ------------------------------------------------------------------ basics
    def entity_at(self, i: int) -> tuple[str, int, int] | None:
        key = self.index.key_at(i)
        if key is None:
            return None
        s, e = i, i + 1
        while s > 0 and self.index.key_at(s - 1) == key:
            s -= 1
        while e < len(self.doc) and self.index.key_at(e) == key:
            e += 1
        return key, s, e

    def _sources(self) -> set[int]:
        """Tokens naming who reports, not who acts: "according to X," / "Menurut X,", ", X said." /
        ", kata X." — a source is never a party of the event it tells."""
        out: set[int] = set()
        doc = self.doc
        for i, cue in self.cue_at.items():
            if i > 0 and self.cue_at.get(i - 1) == cue:
                continue                       # one multi-word cue is read once, from its start
            end = self.cue_match[i].end
            if cue == "cite" or (cue == "speech_before" and i > 0 and doc[i - 1].text in {",", "”", '"'}):
                k = end
                while k < len(doc) and k - end < 10 and doc[k].text not in {",", ".", ";"} \
                        and not doc[k].is_sent_start:
                    k += 1
                out.update(range(end, k))
            elif cue in {"speech", "speech_after"}:
                k = i - 1
                while k >= 0 and i - k <= 10 and doc[k].text not in {",", "”", '"', ".", ";"} \
                        and not doc[k + 1].is_sent_start:
                    k -= 1
                tail = sentence_at(doc, i).end - end
                if k >= 0 and doc[k].text in {",", "”", '"'} and i - k > 1 and tail <= 6:
                    out.update(range(k + 1, i))   # the report closes the sentence: ", X said on Monday."
        return out

    def type_of(self, key: str) -> str:
        return self.index.get(key).type

    def is_agent(self, key: str, i: int) -> bool:
        return (self.type_of(key) in AGENT_TYPES and key not in self.outlets
                and i not in self.roles.complement_tokens and i not in self.source_tokens)

    def _skippable(self, i: int) -> bool:
        tok = self.doc[i]
        before_date = i + 1 < len(self.doc) and i + 1 in self.date_tokens and self.cue_at.get(i) in {"date_prep", "location_prep"}
        return (i in self.title_at or i in self.demonym_at or i in self.date_tokens or before_date
                or tok.lower_ in {"the", "'s", "’s", "para", "sang", "his", "her", "its", "their", "of"})

    def _possessor(self, e: int) -> bool:
        """True when the entity ending at token e owns the person named next ("Iran's Ebrahim
        Raisi", "China's President Xi"): a modifier of that person, not another party."""
        if e >= len(self.doc) or self.doc[e].lower_ not in {"'s", "’s"}:
            return False
        for k in range(e + 1, min(e + 6, len(self.doc))):
            key = self.index.key_at(k)
            if key is not None:
                return self.type_of(key) == "Person"
            if k not in self.title_at and k not in self.demonym_at:
                return False
        return False

    def _bracket_end(self, i: int) -> int | None:
        """End of a short bracketed remark starting at i ("(L)", "(kanan)", "(Jokowi)")."""
        if self.doc[i].text != "(":
            return None
        for k in range(i + 1, min(i + 6, len(self.doc))):
            if self.doc[k].text == ")":
                return k + 1
        return None

    # ------------------------------------------------------------------ sentence topics
    def _person_at(self, k: int) -> str | None:
        key = self.index.key_at(k)
        if key and self.type_of(key) == "Person" and k not in self.roles.complement_tokens \
                and k not in self.source_tokens:
            return key
        return None

    def _subject_tokens(self, lo: int, hi: int) -> set[int]:
        """Tokens inside a clause subject in [lo, hi), from the parse (empty without one)."""
        out: set[int] = set()
        if not self.parsed:
            return out
        for tok in self.doc[lo:hi]:
            if tok.dep_ in {"nsubj", "nsubj:pass"}:
                out.update(t.i for t in tok.subtree if lo <= t.i < hi)
        return out

    def _subject_person(self, lo: int, hi: int, before: str | None) -> str | None:
        """The first person a clause subject in [lo, hi) names: a name, a title standing for its
        holder ("the prime minister"), or a pronoun standing for `before` (the topic so far)."""
        for k in sorted(self._subject_tokens(lo, hi)):
            key = self._person_at(k)
            if key:
                return key
            if self.cue_at.get(k) == "pronoun_person" and before:
                return before
            desc = self._description(k)
            if desc and desc[0] and self.type_of(desc[0][0]) == "Person":
                return desc[0][0]
        return None

    def _sentence_topics(self) -> list[tuple[int, str]]:
        """(sentence start token, the person it is about) for every sentence about one: the
        person its subject names, else the first person named in it."""
        out: list[tuple[int, str]] = []
        for sent in self._sents:
            before = out[-1][1] if out else None
            key = self._subject_person(sent.start, sent.end, before)
            if key is None:
                key = next((k for k in map(self._person_at, range(sent.start, sent.end)) if k), None)
            if key:
                out.append((sent.start, key))
        return out

    def sentence_number(self, char: int) -> int:
        """Index of the sentence holding character offset `char` of the text."""
        return max(0, bisect.bisect_right(self._sent_chars, char) - 1)

    def topic(self, i: int) -> str | None:
        """The person the text is about at token i: the person a subject names earlier in the
        same sentence; otherwise the topic of the latest of the four previous sentences that has
        one; otherwise the first person named earlier in the sentence."""
        sent = sentence_at(self.doc, i)
        k = bisect.bisect_left(self._sent_starts, sent.start)
        starts = self._sent_starts[max(0, k - 4):k]
        before = next((key for s, key in reversed(self._topics) if s in starts), None)
        here = self._subject_person(sent.start, i, before)
        if here:
            return here
        comma = next((k for k in range(sent.start, sent.end) if self.doc[k].text == ","), None)
        if comma is not None and i < comma:
            # "Ahead of his Bali visit, PM Modi said …": a pronoun in an opening phrase refers
            # forward to the subject of the clause after it
            ahead = self._subject_person(comma + 1, sent.end, None)
            if ahead:
                return ahead
        if before:
            return before
        return next((key for key in map(self._person_at, range(sent.start, i)) if key), None)

    # ------------------------------------------------------------------ references
    def _description(self, i: int) -> tuple[list[str], int] | None:
        """A title used without a name ("the prime minister", "the Chinese leader", "the Kazakhstan
        president", "Presiden"): the person holding it, else the country it names."""
        m = self.title_at.get(i)
        if m is None or i != m.start:
            return None
        j = m.end
        if j < len(self.doc) and self.doc[j].text == ",":
            j += 1
        nxt = self.entity_at(j) if j < len(self.doc) else None
        if nxt and self.type_of(nxt[0]) == "Person":
            return None   # a title before a name: the name is read next
        country = None
        end = m.end
        k = m.start - 1
        if k >= 0 and k in self.demonym_at:
            country = self.demonym_at[k].row.get("name")
        elif k >= 0:
            hit = self.entity_at(k)
            if hit and self.type_of(hit[0]) == "Country":
                country = self.index.get(hit[0]).name
        if country is None and nxt and self.type_of(nxt[0]) == "Country" and j == m.end:
            # "Perdana Menteri Australia yang baru …": the country after the title, no name after it
            after = self.entity_at(nxt[2]) if nxt[2] < len(self.doc) else None
            if after and self.type_of(after[0]) == "Person":
                return None
            country, end, k = self.index.get(nxt[0]).name, nxt[2], nxt[1]
        title = (m.row.get("title") or "").lower()
        best = None
        for p in self.roles.positions:
            if country is not None:
                if p.of is None or self.index.get(p.of).name != country:
                    continue
            elif p.title.lower() != title:
                continue
            first = self.index.get(p.holder).mentions[0].start
            if first < self.doc[i].idx and (best is None or first > best[0]):
                best = (first, p.holder)
        if best:
            return [best[1]], end
        if country is not None and k >= 0 and self.entity_at(k):
            return [self.entity_at(k)[0]], end
        return None

    def _holder_of(self, title: LexMatch, owner: str | None) -> str | None:
        """The person holding `title` of `owner` as the article's positions tell."""
        name = (title.row.get("title") or "").lower()
        for p in self.roles.positions:
            if p.title.lower() == name and (owner is None or p.of == owner):
                return p.holder
        return None

    def _pronoun(self, i: int) -> list[str] | None:
        cue = self.cue_at.get(i)
        if cue == "pronoun_person":
            t = self.topic(i)
            return [t] if t else []
        if cue == "pronoun_group":
            return self._group_in_sentence(i) or list(self.group)
        return None

    def _group_in_sentence(self, i: int) -> list[str]:
        """The coordinated parties named just before a group word in its own sentence ("China and
        ASEAN establishing their strategic partnership")."""
        sent = sentence_at(self.doc, i)
        for k in range(i - 1, max(sent.start, i - 6) - 1, -1):
            if self.index.key_at(k) is not None:
                keys = self.subject(k + 1, sent.start).keys
                return keys if len(keys) >= 2 else []
        return []

    # ------------------------------------------------------------------ chains
    def objects(self, i: int, limit: int) -> Chain:
        """Entities coordinated from token i rightwards."""
        ch = Chain()
        j, steps = i, 0
        while j < limit and steps < MAX_CHAIN:
            steps += 1
            tok = self.doc[j]
            hit = self.entity_at(j)
            if hit:
                key, s, e = hit
                if self._possessor(e):
                    pass
                elif self.is_agent(key, j):
                    if key not in ch.keys:
                        ch.keys.append(key)
                elif self.type_of(key) in PLACE_TYPES and j not in self.roles.complement_tokens:
                    ch.places.append(key)
                    break
                j = e
                end = self._bracket_end(j) if j < limit else None
                j = end or j
                continue
            desc = self._description(j)
            if desc:
                ch.keys.extend(k for k in desc[0] if k not in ch.keys)
                j = desc[1]
                continue
            pro = self._pronoun(j)
            if pro is not None:
                ch.keys.extend(k for k in pro if k not in ch.keys)
                j = self.cue_match[j].end
                continue
            cue = self.cue_at.get(j)
            if cue in {"with", "between", "by"} and not ch.keys:
                ch.marked = True
                j += 1
                continue
            if self._skippable(j) or (tok.lower_ in COORD and ch.keys):
                j += 1
                continue
            if ch.keys and self._after_coordinator(i, j):
                # "… and the country's top legislator Zhao Leji", "and the presidents of Azerbaijan
                # and Mongolia, …": a description before the next name of the list
                k = j
                while k < limit and k - j < 5 and self.index.key_at(k) is None and (
                        (self.doc[k].is_alpha and self.doc[k].is_lower and not self._verbal(k))
                        or self.doc[k].lower_ in {"'s", "’s"} or k in self.title_at):
                    k += 1
                if j < k < limit and self.index.key_at(k) is not None:
                    j = k
                    continue
            break
        ch.keys = self.without_countries_of_named(ch.keys)
        return ch

    def _after_coordinator(self, i: int, j: int) -> bool:
        """True when token j follows "and"/"dan" (past skippable words: "the") in a list read from token i."""
        k = j - 1
        while k > i and self._skippable(k):
            k -= 1
        return k >= i and self.doc[k].lower_ in COORD - {","}

    def without_countries_of_named(self, keys: list[str]) -> list[str]:
        """The keys less a country whose own leader the list names too ("the presidents of
        Azerbaijan and Mongolia, Ilham Aliyev and Ukhnaagiin Khurelsukh"): the people are the parties."""
        theirs = {self.country_of(k) for k in keys if self.type_of(k) == "Person"} - {None}
        return [k for k in keys if k not in theirs]

    def subject(self, i: int, floor: int) -> Chain:
        """Entities coordinated leftwards from token i-1, past modal cues and a few adverbs ("and",
        "dan", and "bersama"/"with" join them: "Presiden Prabowo bersama Presiden Xi menyaksikan …")."""
        ch = Chain()
        j = i - 1
        skipped = 0
        while j >= floor and skipped < 5 and (
                self.cue_at.get(j) in {"planned", "occurred", "light_verb", "attend"} or j in self.date_tokens
                or (self.doc[j].is_lower and self.doc[j].is_alpha and skipped < 3
                    and self.index.key_at(j) is None and self.doc[j].lower_ not in COORD
                    and self.cue_at.get(j) not in {"pronoun_person", "pronoun_group", "speech", "speech_after"})):
            j -= 1
            skipped += 1
        coordinated = False
        steps = 0
        found: list[str] = []
        while j >= floor and steps < MAX_CHAIN:
            steps += 1
            tok = self.doc[j]
            if tok.text == ")":
                k = j - 1
                while k > floor and j - k < 6 and self.doc[k].text != "(":
                    k -= 1
                if self.doc[k].text == "(":
                    j = k - 1
                    continue
            hit = self.entity_at(j)
            if hit:
                key, s, e = hit
                if found and self._possessor(e):
                    pass
                elif self.is_agent(key, j):
                    if key not in found:
                        found.append(key)
                elif j not in self.roles.complement_tokens:
                    break
                j = s - 1
                continue
            pro = self._pronoun(j)
            if pro is not None and found and self.cue_at.get(j) == "pronoun_person" and (
                    j + 1 in self.title_at or j + 1 in self.demonym_at):
                j -= 1          # "Joe Biden and his Chinese counterpart Xi Jinping": "his" modifies
                continue
            if pro is not None and not found:
                found.extend(pro)
                j = self.cue_match[j].start - 1
                continue
            m = self.title_at.get(j)
            if m is not None:
                if not found and m.start > 0 and self.doc[m.start - 1].lower_ in {"'s", "’s"}:
                    # "President Lee's chief of staff is visiting …": not Lee, but whoever holds
                    # that office of Lee (when the text names them)
                    owner = self.index.key_at(m.start - 2) if m.start > 1 else None
                    holder = self._holder_of(m, owner)
                    return Chain(keys=[holder] if holder else [], unnamed=holder is None)
                desc = self._description(m.start)
                if desc and not found:
                    found.extend(desc[0])
                elif desc and found and desc[1] > m.end and self.index.key_at(m.end) == found[-1]:
                    # "Perdana Menteri Australia yang baru akan berkunjung": the office holder,
                    # not the country of the title
                    found[-1:] = [k for k in desc[0] if k not in found]
                j = m.start - 1
                continue
            if j in self.demonym_at or tok.lower_ in {"'s", "’s", "the"}:
                j -= 1
                continue
            if (tok.lower_ in COORD - {","} or self.cue_at.get(j) == "with") and found:
                coordinated = True
                j -= 1
                continue
            if tok.text == "," and found and coordinated:
                j -= 1
                continue
            break
        ch.keys = list(reversed(found))
        return ch

    def between(self, i: int, hi: int, window: int = 10) -> list[str]:
        """The parties after "antara"/"between" within a few words of token i."""
        for j in range(i, min(hi, i + window)):
            if self.cue_at.get(j) == "between":
                return self.objects(j + 1, hi).keys
        return []

    def nearest_person(self, i: int, hi: int) -> str | None:
        """The first person named in tokens [i, hi) ("Kunjungan ini … Xi Jinping meninggalkan …")."""
        for j in range(i, hi):
            key = self.index.key_at(j)
            if key and self.type_of(key) == "Person" and self.is_agent(key, j):
                return key
        return None

    def leading_subject(self, lo: int, hi: int) -> list[str]:
        """The entities the clause opens with ("Presiden Joko Widodo dan PM Malaysia Mahathir Mohamad
        membahas … dalam pertemuan bilateral"): the first coordinated chain within six words."""
        for j in range(lo, min(hi, lo + 6)):
            if self.index.key_at(j) is not None or j in self.title_at:
                return self.objects(j, hi).keys
            if self.doc[j].text in {",", ":"}:
                break
        return []

    def country_of(self, person: str) -> str | None:
        """The article's entity for the country a person stands for: the office they hold, the
        country a relation title gives them ("his Tanzanian counterpart"), or what the gazetteer
        knows of them."""
        for p in self.roles.positions:
            if p.holder == person and p.of and self.type_of(p.of) == "Country":
                return p.of
        if person in self.roles.relations:
            return self.roles.relations[person]
        name = self.country_name_of(person)
        for e in self.index.entities:
            if e.type == "Country" and e.name == name:
                return e.key
        return None

    def country_name_of(self, person: str) -> str | None:
        """Name of the country a person stands for, even when the article never names it."""
        for p in self.roles.positions:
            if p.holder == person and p.of and self.type_of(p.of) == "Country":
                return self.index.get(p.of).name
        if person in self.roles.relations:
            return self.index.get(self.roles.relations[person]).name
        entry = self.index.entries.get(person)
        return entry.country if entry is not None and entry.country else None

    def named_collectively(self, key: str, reach: int = 3) -> bool:
        """True when the text names an organisation's members as a body somewhere ("ASEAN leaders",
        "para pemimpin ASEAN", "the leaders of the G20"): a cue of kind collective or a group word
        within `reach` tokens of one of its mentions."""
        for m in self.index.get(key).mentions:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            around = range(max(0, span.start - reach), min(len(self.doc), span.end + reach))
            if any(self.cue_at.get(i) in {"collective", "pronoun_group"} for i in around):
                return True
        return False

    def is_international(self, key: str) -> bool:
        """True for an international organisation (ASEAN, SCO, NATO …)."""
        entry = self.index.entries.get(key)
        return entry is not None and entry.kind == "intl_org"

    def people_in(self, lo: int, hi: int) -> list[str]:
        """Every person named as an agent in tokens [lo, hi), in order."""
        out = []
        for j in range(lo, hi):
            key = self.index.key_at(j)
            if key and self.type_of(key) == "Person" and self.is_agent(key, j) and key not in out:
                out.append(key)
        return out

    # ------------------------------------------------------------------ dependency parse
    @property
    def parsed(self) -> bool:
        """True when a trained parser annotated the Doc (asked once: spaCy scans every token)."""
        if self._parsed is None:
            self._parsed = self.doc.has_annotation("DEP")
        return self._parsed

    def _key_of_token(self, tok) -> str | None:
        """The agent entity a parse node stands for: its own entity, or the name under a title
        ("Presiden" → flat "Joko Widodo")."""
        key = self.index.key_at(tok.i)
        if key is not None:
            return key if self.is_agent(key, tok.i) else None
        # a title heading the name: a person below it first ("Secretary" → "Antony Blinken",
        # not the "US" of his title), else another agent
        below = [t for t in tok.subtree if t.i != tok.i and abs(t.i - tok.i) <= 6
                 and t.dep_.split(":")[0] in {"flat", "appos", "compound", "nmod"}]
        found = [(self.type_of(k) != "Person", abs(t.i - tok.i), k) for t in below
                 for k in [self.index.key_at(t.i)] if k is not None and self.is_agent(k, t.i)]
        if found:
            return min(found)[2]
        if self.cue_at.get(tok.i) == "pronoun_person":
            t = self.topic(tok.i)
            return t
        return None

    def _keys_of(self, toks, lo: int = 0, hi: int | None = None) -> list[str]:
        out: list[str] = []
        hi = len(self.doc) if hi is None else hi
        for tok in toks:
            for t in [tok, *tok.conjuncts]:
                if not lo <= t.i < hi:
                    continue        # the parse reached out of the clause: not trusted
                key = self._key_of_token(t)
                if key is not None and key not in out:
                    out.append(key)
        return out

    def dep_subject(self, m: LexMatch, lo: int = 0, hi: int | None = None) -> list[str]:
        """Subjects of the trigger's clause from the parse: its nsubj, or that of the verb it
        depends on ("dijadwalkan bertemu", "is expected to meet", "held talks")."""
        if not self.parsed:
            return []
        t = self.doc[m.start:m.end].root
        for _ in range(3):
            subs = [c for c in t.children if c.dep_ in {"nsubj", "nsubj:pass"}]
            if subs:
                return self._keys_of(subs, lo, hi)
            if t.dep_ in {"xcomp", "ccomp", "obj", "obl", "nmod", "advcl", "conj"} and t.head is not t:
                t = t.head
                continue
            break
        return []

    def dep_objects(self, m: LexMatch, lo: int = 0, hi: int | None = None) -> list[str]:
        """Other parties attached to the trigger in the parse: its object, or an oblique/nominal
        dependent marked "with/dengan", "between/antara", "by/oleh" or "of"."""
        if not self.parsed:
            return []
        t = self.doc[m.start:m.end].root
        marks = {"with", "between", "by"}
        found = []
        for c in t.children:
            dep = c.dep_.split(":")[0]
            case = [g for g in c.children if g.dep_ == "case"]
            if dep in {"obj", "iobj"} or (dep in {"obl", "nmod"} and (
                    not case or any(self.cue_at.get(g.i) in marks or g.lower_ == "of" for g in case))):
                found.append(c)
        return self._keys_of(found, lo, hi)

    # ------------------------------------------------------------------ places and organisers
    def location(self, lo: int, hi: int, exclude: set[str]) -> str | None:
        """The first place after a locative preposition in tokens [lo, hi)."""
        for j in range(lo, hi):
            if self.cue_at.get(j) != "location_prep":
                continue
            k = j + 1
            # "di kota kuno Samarkand", "in the ancient city of Samarkand", "in Uzbekistan's … city of"
            while k < hi and k - j <= 6 and self.index.key_at(k) is None and (
                    (self.doc[k].is_alpha and self.doc[k].is_lower and not self._verbal(k))
                    or self.doc[k].lower_ in {"'s", "’s"} or k in self.demonym_at):
                k += 1          # "… the Saudi Arabian capital of Riyadh"
            hit = self.entity_at(k) if k < hi else None
            if hit is not None and self._possessive_modifier(hit[2]):
                # "in Uzbekistan's historic city of Samarkand" is Samarkand; "in a move that
                # highlighted Beijing's approach" gives the event no place
                inner = self._refine(hit, hi, exclude) if self.type_of(hit[0]) == "Country" else hit[0]
                if inner != hit[0]:
                    return inner
                continue
            if hit is None and k < hi:
                # "di Villa 14, Diaoyutai State Guesthouse, Beijing": an unknown name first, then the list
                c = k
                while c < hi and c - k < 5 and self.index.key_at(c) is None and self.doc[c].text not in {",", "."}:
                    c += 1
                if c + 1 < hi and self.doc[c].text == ",":
                    hit = self.entity_at(c + 1)
            if hit and self.type_of(hit[0]) in PLACE_TYPES and hit[0] not in exclude:
                return self._refine(self._known_in_list(hit, hi), hi, exclude)
        return None

    def _verbal(self, k: int) -> bool:
        """True for a verb, pronoun or conjunction opening a clause of its own (the parse's tags)."""
        return self.doc[k].pos_ in {"VERB", "AUX", "PRON", "SCONJ"}

    def _possessive_modifier(self, e: int) -> bool:
        """True when the entity ending at token e owns a common noun ("Beijing's approach")."""
        return (e + 1 < len(self.doc) and self.doc[e].lower_ in {"'s", "’s"}
                and self.index.key_at(e + 1) is None and self.doc[e + 1].is_lower)

    def _known_in_list(self, hit: tuple[str, int, int], hi: int) -> tuple[str, int, int]:
        """In an address list ("Villa 14, Diaoyutai State Guesthouse, Beijing") a place no
        gazetteer knows, written before a known venue, is a part of that venue: the venue is the
        place. Before a known city it stays ("Hotel Mercure, Padang")."""
        key, s, e = hit
        if key in self.index.entries or e + 1 >= hi or self.doc[e].text != ",":
            return hit
        nxt = self.entity_at(e + 1)
        if nxt and nxt[0] in self.index.entries and self.index.entries[nxt[0]].kind == "venue":
            return nxt
        return hit

    def _refine(self, hit: tuple[str, int, int], hi: int, exclude: set[str]) -> str:
        """"Uzbekistan's historic city of Samarkand": a place named within a few words after a
        country, in the same phrase, is the more specific one."""
        key, s, e = hit
        if self.type_of(key) != "Country":
            return key
        k = e
        while k < hi and k - e <= 6 and self.index.key_at(k) is None and (
                (self.doc[k].is_lower and self.cue_at.get(k) in {None, "name_connector"} and not self._verbal(k))
                or self.doc[k].lower_ in {"'s", "’s"}):
            k += 1          # not past "from", "to", "on": "in Tanzania from Moscow" is Tanzania
        nxt = self.entity_at(k) if k < hi else None
        if nxt and self.type_of(nxt[0]) == "Place" and nxt[0] not in exclude:
            return nxt[0]
        return key

    def country_after(self, place: str) -> str | None:
        """The country a place is written with ("Istana Constantine, St. Petersburg, Rusia"): the
        first country in the comma list right after one of its mentions, as a name."""
        ent = self.index.get(place)
        for m in ent.mentions:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            j = span.end
            while j < len(self.doc) and j - span.end < 12:
                tok = self.doc[j]
                hit = self.entity_at(j)
                if hit:
                    if self.type_of(hit[0]) == "Country":
                        return self.index.get(hit[0]).name
                    if self.type_of(hit[0]) != "Place":
                        break
                    j = hit[2]
                    continue
                if tok.text == "," or tok.lower_ in {"atau", "or"} or (tok.is_alpha and tok.text[:1].isupper()):
                    j += 1
                    continue
                break
        return None

    def places_coordinated_with(self, place: str, hi: int) -> list[str]:
        """Further places coordinated after a place ("Poland, Romania and Norway"), in the clause."""
        out = []
        for m in self.index.get(place).mentions:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or span.end >= hi:
                continue
            j = span.end
            while j < hi:
                tok = self.doc[j]
                if tok.text == "," or tok.lower_ in COORD:
                    j += 1
                    continue
                hit = self.entity_at(j)
                if hit and self.type_of(hit[0]) in PLACE_TYPES and hit[0] != place:
                    if hit[0] not in out:
                        out.append(hit[0])
                    j = hit[2]
                    if j < hi and self.doc[j].text == "(":       # "(UAE)"
                        j = self._bracket_end(j) or j
                    continue
                # "… Norway in October and to the United Arab Emirates …": past the group's date, a
                # second group of destinations
                k = j
                while k < hi and (k in self.date_tokens or self.cue_at.get(k) in {"date_prep", "location_prep"}
                                  and k + 1 in self.date_tokens):
                    k += 1
                if k > j and k + 1 < hi and self.doc[k].lower_ in COORD - {","} \
                        and self.cue_at.get(k + 1) == "location_prep":
                    j = k + 2
                    while j < hi and self._skippable(j):
                        j += 1
                    continue
                break
            if out:
                break
        return out

    def place_before(self, i: int, exclude: set[str]) -> str | None:
        """A place written as the modifier of the noun at token i ("his Bali visit", "Saudi Arabia
        Visit", "the China trip"), not as its owner ("China's visit")."""
        hit = self.entity_at(i - 1) if i > 0 else None
        if hit and self.type_of(hit[0]) in PLACE_TYPES and hit[0] not in exclude:
            return hit[0]
        return None

    def direct_place(self, i: int, hi: int) -> str | None:
        """A place right after a verb ("visited China", "mengunjungi Beijing")."""
        j = i
        while j < hi and self.doc[j].lower_ in {"the"}:
            j += 1
        hit = self.entity_at(j) if j < hi else None
        if hit and self.type_of(hit[0]) in PLACE_TYPES:
            return hit[0]
        return None

    def organizer(self, m: LexMatch, lo: int, hi: int) -> str | None:
        """The organisation named next to a summit word ("KTT G20", "KTT ke-42 ASEAN", "APEC summit")."""
        for j in (m.start - 1, m.start - 2, m.start - 3):
            if j < lo:
                break
            hit = self.entity_at(j)
            if hit:
                if self.type_of(hit[0]) == "Organization":
                    return hit[0]
                break
            if not (self.doc[j].like_num or self.doc[j].lower_ in {"plus", "'s", "’s", "-", "annual"}
                    or self.doc[j].text[:1].isdigit()):
                break
        j = self._bracket_end(m.end) or m.end if m.end < hi else m.end
        start = j
        while j < hi and j - start < 4:
            hit = self.entity_at(j)
            if hit:
                return hit[0] if self.type_of(hit[0]) == "Organization" else None
            if self.doc[j].lower_ not in {"ke", "-", "luar", "biasa", "of", "the", "para", "negara-negara"} \
                    and not self.doc[j].like_num and not self.doc[j].lower_.startswith("ke-"):
                break
            j += 1
        return None

    def adjacent_place(self, m: LexMatch, hi: int) -> str | None:
        """A place written next to the summit name ("KTT G20 Bali", "Kazan summit")."""
        j = m.end
        seen_org = False
        while j < hi and j - m.end < 6:
            hit = self.entity_at(j)
            if hit:
                if self.type_of(hit[0]) == "Organization" and not seen_org:
                    seen_org = True
                    j = hit[2]
                    continue
                return hit[0] if self.type_of(hit[0]) == "Place" else None
            if not (self.doc[j].like_num or self.doc[j].text in {"ke", "-"} or self.doc[j].lower_.startswith("ke-")):
                break
            j += 1
        if m.start > 0:
            hit = self.entity_at(m.start - 1)
            if hit and self.type_of(hit[0]) == "Place":
                return hit[0]
        return None
