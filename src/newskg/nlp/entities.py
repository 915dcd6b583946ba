"""The `newskg_entities` spaCy component: finds people, organisations, countries and places.

It combines, in this order of trust:
1. the gazetteer (exact surface forms, case-aware; `ambiguous` entries only next to a citation or
   speech cue),
2. people from title patterns ("Presiden Rusia Vladimir Putin", "US President Joe Biden",
   "Asisten kebijakan luar negeri Putin, Yuri Ushakov", "Jon Finer, the US deputy …") and from
   speech cues ("…," said John Smith),
3. capitalised names with an organisation or place head word ("Kementerian Luar Negeri", "Istana
   Merdeka"),
4. fuzzy gazetteer matches of misspelt multi-word names ("Organisasi Kerjasama Shahai"),
5. entities a trained `ner` component put in `doc.ents` before this one (slot for a statistical model),
6. every later bare mention of a known person's first or last name ("Putin", "Xi").
A person's span never holds a leading courtesy title (`<lang>/honorifics.tsv`: "Ms Hewitt" is the
mention "Hewitt", which then joins "Patricia Hewitt"), and a span of titles and honorifics alone
("Raja", "Mr") is no person.
Result: `doc.ents` with labels Person / Organization / Country / Place and `kb_id_` set to the
gazetteer id ("Country:Russia") where the thing is known.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .gazetteer import GazEntry, Gazetteer, fold, is_strict_form
from .lexicon import Lexicon, calendar_words, lexicon, word_set
from .sentences import sentence_at, span_text, token_texts

OPEN_Q = {'"', "“", "‘", "'", "«"}
CLOSE_Q = {'"', "”", "’", "'", "»"}
INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}[A-Z]?\.?$|^[A-Z]\.[A-Z]$|^[A-Z]\.$")
TYPE_ORDER = {"Country": 0, "Organization": 1, "Place": 2, "Person": 3}
#: fuzz.ratio a one-word place the ner found must reach against a country name to be that country
MODEL_COUNTRY_SCORE = 75.0

NER_LABELS = {"PER": "Person", "PERSON": "Person", "ORG": "Organization", "ORGANIZATION": "Organization",
              "ORGANISATION": "Organization", "GPE": "Place", "LOC": "Place", "LOCATION": "Place",
              "PLACE": "Place", "NORP": None, "FAC": "Place"}


@dataclass
class Candidate:
    start: int
    end: int
    label: str
    kb_id: str = ""
    priority: int = 0


def is_cap_word(tok) -> bool:
    """A word written with an initial capital and at least one lower-case letter ("Putin", "McDonald")."""
    t = tok.text
    return t[:1].isupper() and any(c.islower() for c in t) and any(c.isalpha() for c in t)


def is_headline(sent: Span) -> bool:
    """True for a title line or headline: no full stop at the end, most words capitalised
    (worked out once per sentence and Doc: names ask it of their sentence again and again)."""
    doc = sent.doc
    key = (sent.start, sent.end, len(doc))
    known = doc.user_data.setdefault("newskg_headlines", {})
    if key not in known:
        toks = [t for t in token_texts(doc)[sent.start:sent.end] if not t.isspace()]
        words = [t for t in toks if t.isalpha() and len(t) > 3]
        known[key] = (not (toks and toks[-1] in {".", "…"}) and len(words) >= 3
                      and sum(t[0].isupper() for t in words) / len(words) > 0.6)
    return known[key]


class EntityRecognizer:
    """spaCy component; see the module docstring."""

    def __init__(self, nlp: Language, lang: str):
        self.lang = lang
        self.gaz = Gazetteer.load(lang)
        self.titles: Lexicon = lexicon(nlp, lang, "titles")
        self.cues: Lexicon = lexicon(nlp, lang, "cues")
        self.heads: Lexicon = lexicon(nlp, lang, "name_heads")
        self.demonyms = self._demonym_lexicon(nlp, lang)
        self.honorifics = self._honorific_lexicon(nlp, lang)
        self.demonym_words = {r["form"].lower() for r in self.demonyms.rows}
        self.common = word_set(lang, "common_words") | word_set(lang, "news_words")
        self.run_connectors = word_set(lang, "run_connectors")
        from .. import resources
        rows = resources.read_tsv(lang, "affixes.tsv")
        self.affixes = (tuple(sorted({r["form"] for r in rows if r.get("kind") == "prefix"}, key=len, reverse=True)),
                        tuple(sorted({r["form"] for r in rows if r.get("kind") == "suffix"}, key=len, reverse=True))
                        ) if rows else ()
        self.calendar = calendar_words(lang)
        self.cue_words = {kind: {r["form"].lower() for r in self.cues.rows if r.get("cue") == kind}
                          for kind in {r.get("cue") for r in self.cues.rows}}
        self.forms_tokens: dict[str, list[str]] = {}
        self.matcher_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher_exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for form in self.gaz.surface_forms():
            doc = nlp.make_doc(form)
            self.forms_tokens[form] = [t.text for t in doc]
            if not is_strict_form(form):
                self.matcher_lower.add(form, [doc])
            elif self._word_styled(form):
                self.matcher_exact.add(form, [doc, nlp.make_doc(form.capitalize())])
            else:
                self.matcher_exact.add(form, [doc])
        self.strings = nlp.vocab.strings

    @staticmethod
    def _demonym_lexicon(nlp: Language, lang: str) -> Lexicon:
        from .. import resources
        rows = []
        for r in resources.read_tsv(lang, "demonyms.tsv"):
            rows.extend({"form": f, "name": r["name"]} for f in resources.split_multi(r.get("forms", "")))
        return Lexicon(nlp, tuple(rows))

    @staticmethod
    def _honorific_lexicon(nlp: Language, lang: str) -> Lexicon:
        """Courtesy titles of `lang`, each also with a trailing dot ("Mr", "Mr.")."""
        from .. import resources
        rows = []
        for r in resources.read_tsv(lang, "honorifics.tsv"):
            form = r.get("form", "").strip()
            if form:
                rows.append({"form": form})
                rows.append({"form": form[:-1] if form.endswith(".") else form + "."})
        return Lexicon(nlp, tuple(rows))

    def strip_honorifics(self, doc: Doc, cands: list[Candidate], title_tokens: set[int],
                         honor_end: dict[int, int]) -> list[Candidate]:
        """Candidates without leading honorifics (`honor_end`: start → end of each honorific in
        the doc): "Ms Hewitt" → the person "Hewitt", "Dr. dr. Siti Rahma" → "Siti Rahma".  A name
        right after an honorific is a person's, whatever the model called it ("Ms Blears", "Dr
        Gibbons" read as organisations); a person of titles and honorifics alone is dropped ("Raja",
        "Mr").  A gazetteer form ("Sheikh Hasina") stays as it is."""
        out = []
        ends = self._honorific_ends(honor_end)
        for c in cands:
            if c.kb_id:
                out.append(c)
                continue
            s = c.start
            while s < c.end and (s in honor_end or doc[s].text == "."):
                s = min(honor_end.get(s, s + 1), c.end)
            after_honorific = s > c.start or c.start - 1 in ends \
                or (c.start >= 2 and doc[c.start - 1].text == "." and c.start - 2 in ends)
            if c.label != "Person" and not (after_honorific and all(
                    is_cap_word(t) or not t.is_alpha for t in doc[s:c.end])):
                out.append(c)    # no honorific, or no name after it ("Dr Martens boots")
                continue
            if s == c.end or all(i in title_tokens or not doc[i].is_alpha for i in range(s, c.end)):
                continue
            out.append(c if (s, c.label) == (c.start, "Person") else Candidate(s, c.end, "Person", "", c.priority))
        return out

    @staticmethod
    def _honorific_ends(honor_end: dict[int, int]) -> set[int]:
        """Token index of the last token of each honorific."""
        return {e - 1 for e in honor_end.values()}

    @staticmethod
    def honorific_surnames(doc: Doc, people: list[Candidate], honor_end: dict[int, int]) -> set[str]:
        """Last words of the names written after an honorific ("Blears" of "Ms Blears")."""
        ends = {e for e in honor_end.values()} | {e + 1 for e in honor_end.values()}
        return {doc[c.end - 1].text for c in people if c.label == "Person" and c.start in ends}

    # ------------------------------------------------------------------ gazetteer
    def gazetteer_candidates(self, doc: Doc, cue_tokens: set[int], prep_tokens: set[int] = frozenset()) -> list[Candidate]:
        found, deferred, accepted = [], [], set()
        for matcher in (self.matcher_lower, self.matcher_exact):
            for match_id, s, e in matcher(doc):
                form = self.strings[match_id]
                span = doc[s:e]
                if not self._case_ok(span, form):
                    continue
                entries = [self.gaz.entries[i] for i in self.gaz.forms[form]]
                before = s - 1 if s > 0 and doc[s - 1].lower_ not in {"the"} else s - 2
                after_place_word = before >= 0 and before in prep_tokens
                entry = self._choose(entries, form, prefer_place=after_place_word)
                if entry is None:
                    continue
                # one name for two kinds of thing (the White House as venue and as institution) is
                # no word ambiguity: the context picks the kind, and the name always counts
                same_thing = len(entries) > 1 and len({x.name for x in entries}) == 1
                # a lone name part of a known person ("Jokowi") yields to a full name read around it
                prio = 6 if e - s > 1 else (3 if entry.type == "Person" else 5)
                cand = Candidate(s, e, entry.type, entry.id, priority=prio)
                if (entry.is_ambiguous(form) and not same_thing and not self._near(cue_tokens, s, e)
                        and not self._capitalised_word_name(doc, s, e, form, entry)):
                    deferred.append(cand)
                    continue
                found.append(cand)
                accepted.add(entry.id)
        # a second mention: an ambiguous form of a thing the article names clearly elsewhere
        # ("Turkey" opening a sentence, once "… with Turkey" was read)
        found.extend(c for c in deferred if c.kb_id in accepted and doc[c.start].text[:1].isupper())
        return found

    def _capitalised_word_name(self, doc: Doc, s: int, e: int, form: str, entry: GazEntry) -> bool:
        """An ambiguous country or place name that is also an everyday word ("Turkey", "Lima":
        Indonesian "five"), capitalised where the text writes words in lower case: inside a
        sentence, not in a headline, and not part of a longer capitalised name ("Turkey Hill")."""
        if entry.type not in {"Country", "Place"} or "*" in entry.ambiguous or fold(form) not in self.common:
            return False
        if doc[s].is_sent_start or not all(t.text[:1].isupper() for t in doc[s:e]):
            return False
        if (s > 0 and is_cap_word(doc[s - 1])) or (e < len(doc) and is_cap_word(doc[e])):
            return False
        return not is_headline(sentence_at(doc, s))

    def _word_styled(self, form: str) -> bool:
        """An acronym house styles also write as a word ("Nato", "Apec", "Asean"): four letters
        or more, and not an ordinary word then ("Time")."""
        return len(form) >= 4 and form.isalpha() and form.lower() not in self.common

    def _case_ok(self, span: Span, form: str) -> bool:
        if is_strict_form(form):
            if span.text == form or span.text.replace(" ", "") == form.replace(" ", ""):
                return True
            return self._word_styled(form) and span.text == form.capitalize()
        toks = self.forms_tokens[form]
        if len(toks) != len(span):
            return False
        for ft, tok in zip(toks, span):
            if ft[:1].isupper() and not tok.text[:1].isupper():
                return False
        return True

    @staticmethod
    def _choose(entries: list[GazEntry], form: str, prefer_place: bool = False) -> GazEntry | None:
        """The entry a form names here; after "di"/"in"/"at" a place (the White House as the
        venue, not the institution)."""
        if not entries:
            return None
        def rank(e: GazEntry):
            place_first = prefer_place and e.type in {"Place", "Country"}
            return (e.is_ambiguous(form), not place_first, TYPE_ORDER.get(e.type, 9))
        return sorted(entries, key=rank)[0]

    @staticmethod
    def _near(cue_tokens: set[int], s: int, e: int) -> bool:
        return any(i in cue_tokens for i in range(s - 4, s)) or any(i in cue_tokens for i in range(e, e + 2))

    # ------------------------------------------------------------------ names
    def _is_name_token(self, tok, headline: bool) -> bool:
        if not is_cap_word(tok) or tok.lower_.rstrip(".") in self.calendar:
            return False
        if tok.lower_ in self.common and (headline or tok.is_sent_start):
            return False
        return True

    def name_run(self, doc: Doc, i: int, blocked: set[int], particles: set[str]) -> int:
        """End (exclusive) of the personal name starting at token i, or i when none starts there."""
        n = len(doc)
        headline = is_headline(sentence_at(doc, i))
        j, end = i, i
        while j < n and j - i < 7:
            tok = doc[j]
            if j in blocked or tok.is_space:
                break
            if self._is_name_token(tok, headline) and not (j == i and tok.lower_ in self.common):
                j += 1
                end = j
                continue
            if j > i and INITIALS.match(tok.text):
                j += 1
                end = j
                continue
            if tok.lower_ in particles and j + 1 < n and is_cap_word(doc[j + 1]) and j > i - 1:
                j += 1
                continue
            if (tok.text == "-" and j > i and not doc[j - 1].whitespace_ and not tok.whitespace_
                    and j + 1 < n and (is_cap_word(doc[j + 1]) or doc[j + 1].lower_ in particles)):
                j += 1
                continue
            if (tok.text == "-" and j > i and is_cap_word(doc[j - 1]) and not doc[j - 1].whitespace_
                    and not tok.whitespace_ and j + 1 < n and doc[j + 1].is_alpha and doc[j + 1].is_lower
                    and not (j + 2 < n and doc[j + 2].text == "-" and not doc[j + 1].whitespace_)):
                j += 2     # a hyphenated given name: "Chey Tae-won", "Kim Jong-un"
                end = j
                continue
            if (tok.text in OPEN_Q and j > i and j + 3 < n and is_cap_word(doc[j + 1])
                    and doc[j + 2].text in CLOSE_Q and is_cap_word(doc[j + 3])):
                j += 3  # Joko “Jokowi” Widodo
                continue
            break
        return end

    def person_candidates(self, doc: Doc, blocked: set[int], title_matches, cue_matches,
                          gaz_by_start: dict[int, Candidate], honor_end: dict[int, int] = {}) -> list[Candidate]:
        particles = self.cue_words.get("name_particle", set())
        out: list[Candidate] = []
        title_tokens = {i for m in title_matches for i in range(m.start, m.end)}
        demonym_tokens = {i for m in self.demonyms.matches(doc) for i in range(m.start, m.end)}
        name_blocked = blocked | title_tokens | demonym_tokens

        def add(s, e, prio):
            if e > s:
                out.append(Candidate(s, e, "Person", "", prio))

        for m in title_matches:
            j = self._skip_complement(doc, m.end, gaz_by_start, demonym_tokens, title_tokens)
            if j < len(doc) and doc[j].text == ",":
                j += 1
            end = self.name_run(doc, j, name_blocked, particles)
            if end > j and not (end - j == 1 and doc[j].lower_ in self.common):
                add(j, end, 4)
                continue
            # title … , Name Surname   ("Asisten kebijakan luar negeri Putin, Yuri Ushakov")
            k = m.end
            while k < len(doc) and k - m.end < 6 and doc[k].text not in {",", ".", "\n"} and not doc[k].is_space:
                k += 1
            if k < len(doc) and doc[k].text == ",":
                end = self.name_run(doc, k + 1, name_blocked, particles)
                if end - (k + 1) >= 2:
                    add(k + 1, end, 3)
        # Name Surname, [the] title …   ("Jon Finer, the US deputy national security adviser")
        title_starts = {m.start for m in title_matches}
        texts = token_texts(doc)
        for i in range(len(doc) - 2):
            if texts[i] == ",":
                k = i + 1
                while k < len(doc) and k - i <= 4 and k not in title_starts and not doc[k].is_punct:
                    k += 1
                if k in title_starts:
                    s = i
                    while s > 0 and (is_cap_word(doc[s - 1]) or doc[s - 1].lower_ in particles
                                     or INITIALS.match(doc[s - 1].text)) and (s - 1) not in name_blocked:
                        s -= 1
                    if i - s >= 2 and self.name_run(doc, s, name_blocked, particles) == i:
                        add(s, i, 3)
        # an honorific and a name: "Ms Dunmore", "Dr. Harlan Voss", "Pak Bambang" (not "Ibu Kota":
        # a head word opens a place's name; not "Tuan Rumah" (host) in a title-case headline)
        head_starts = {m.start for m in self.heads.matches(doc)} if honor_end else set()
        for i, j in honor_end.items():
            if j < len(doc) and doc[j].text == "." and doc[j - 1].whitespace_ == "":
                j += 1
            if j < len(doc) and doc[i].text[:1].isupper() and j not in name_blocked and j not in head_starts \
                    and is_cap_word(doc[j]) and doc[j].lower_.rstrip(".") not in self.calendar \
                    and not (doc[j].lower_ in self.common and is_headline(sentence_at(doc, j))):
                add(j, max(self.name_run(doc, j, name_blocked, particles), j + 1), 3)
        # speech cues: "…, said John Smith" / "John Smith said"
        for m in cue_matches:
            cue = m.row.get("cue")
            if cue == "speech_before":
                end = self.name_run(doc, m.end, name_blocked, particles)
                if end - m.end >= 2:
                    add(m.end, end, 3)
            elif cue == "speech_after":
                s = m.start
                while s > 0 and (is_cap_word(doc[s - 1]) or INITIALS.match(doc[s - 1].text)) and (s - 1) not in name_blocked:
                    s -= 1
                if m.start - s >= 2 and self.name_run(doc, s, name_blocked, particles) == m.start:
                    add(s, m.start, 3)
        return out

    def _skip_complement(self, doc: Doc, j: int, gaz_by_start, demonym_tokens, title_tokens) -> int:
        """Skip what follows a title and names whose office it is: "Rusia", "Luar Negeri RI",
        "(Menlu)", "PBB", "of Indonesia", "Indonesia untuk Rusia"."""
        n = len(doc)
        for _ in range(4):
            if j >= n:
                break
            if j in gaz_by_start and gaz_by_start[j].label != "Person":
                j = gaz_by_start[j].end
                continue
            if j in title_tokens or j in demonym_tokens:
                j += 1
                continue
            if doc[j].text == "(":
                k = j + 1
                while k < n and k - j < 5 and doc[k].text != ")":
                    k += 1
                if k < n and doc[k].text == ")":
                    j = k + 1
                    continue
            if doc[j].lower_ in {"of", "untuk", "for", "to", "dari"} and j + 1 < n and j + 1 in gaz_by_start:
                j += 1
                continue
            break
        return j

    # ------------------------------------------------------------------ head words
    def headword_candidates(self, doc: Doc, blocked: set[int], particles: set[str],
                            gaz_chosen: list[Candidate] = ()) -> list[Candidate]:
        """Capitalised names around a head word of `name_heads.tsv`.  `where`: the head opens the
        name ("Ministry of Foreign Affairs", "Kementerian Pertahanan"), closes it ("Hyderabad House",
        "SK Group", "Shangri-La Hotel") or either (`both`: "Foreign Affairs Ministry").  With
        `takes_country` a known country at the far end (or a country or city opening it) belongs to the name ("Kementerian
        Luar Negeri Arab Saudi", "Ministry of Foreign Affairs of Vietnam", "Vietnam Airlines"); such
        a name outranks the gazetteer's shorter matches inside it, and keeps the gazetteer's entry
        when that entry is the country's own ("Kementerian Pertahanan" + "RI")."""
        out = []
        n = len(doc)
        connectors = particles | self.cue_words.get("head_connector", set())
        matches = self.heads.matches(doc)
        # after a connector the name goes on only with words of its own: not another head word's
        # name ("Kementerian Luar Negeri dan Kementerian Pertahanan") nor a known person
        not_after_connector = {m.start for m in matches} | {c.start for c in gaz_chosen if c.label == "Person"}
        gaz_start = {c.start: c for c in gaz_chosen if c.label != "Person"}
        gaz_end = {c.end: c for c in gaz_chosen if c.label != "Person"}
        gaz_spans = {(c.start, c.end) for c in gaz_chosen}

        def country_of(c: Candidate) -> str:
            entry = self.gaz.entry(c.kb_id)
            return entry.country if entry else ""

        def place_at(i: int) -> Candidate | None:
            """The country named from token i: it may close a name ("Istana Kepresidenan Iran"; not
            the city of "Istana Merdeka Jakarta")."""
            c = gaz_start.get(i)
            return c if c is not None and c.label == "Country" else None

        def emit(s: int, e: int, typ: str, absorbed: Candidate | None, inner: Candidate | None) -> None:
            while e > s + 1 and doc[e - 1].lower_ in connectors:
                e -= 1        # "Ministry of Foreign Affairs of" before a name it may not take
            if (s, e) in gaz_spans:
                return
            if absorbed is None:
                out.append(Candidate(s, e, typ, "", 2))
                return
            same = inner is not None and absorbed.kb_id.split(":", 1)[-1] == country_of(inner)
            out.append(Candidate(s, e, typ, inner.kb_id if same else "", 7))

        for m in matches:
            typ, where = m.row.get("type", ""), m.row.get("where", "first")
            takes_country = m.row.get("takes_country", "") == "y"
            if not doc[m.start].text[:1].isupper():
                continue
            if where in {"first", "both"}:
                inner = gaz_start.get(m.start) if takes_country else None
                end = inner.end if inner is not None and inner.label == typ else m.end
                inner = inner if end > m.end else None
                absorbed = None
                while end < n and end - m.end < 6:
                    if end in blocked:
                        place = place_at(end) if takes_country else None
                        if place is not None:
                            end, absorbed = place.end, place
                        break
                    if inner is not None and not (doc[end].lower_ in connectors and place_at(end + 1)):
                        break   # a known name: only a country may follow it
                    if doc[end].text[:1].isupper():
                        end += 1
                    elif doc[end].lower_ in connectors and end + 1 < n and (
                            (doc[end + 1].text[:1].isupper() and end + 1 not in not_after_connector)
                            or (takes_country and place_at(end + 1))):
                        end += 1
                    else:
                        break
                if end > m.end and (absorbed is not None or inner is None):
                    emit(m.start, end, typ, absorbed, inner)
                    continue
            if where in {"last", "both"}:   # head word closes the name: "Hyderabad House", "Sabha University"
                s, absorbed = m.start, None
                while s > 0 and m.start - s < 5:
                    prev = s - 1
                    if prev in blocked:
                        place = gaz_end.get(s) if takes_country else None
                        if place is not None and place.label in {"Country", "Place"}:
                            s, absorbed = place.start, place
                        break
                    if is_cap_word(doc[prev]) or (doc[prev].is_alpha and doc[prev].is_upper and len(doc[prev]) > 1):
                        s = prev
                    elif (doc[prev].text in {"-", "‐"} and prev > 0 and not doc[prev].whitespace_
                          and not doc[prev - 1].whitespace_ and doc[prev - 1].text[:1].isupper()):
                        s = prev - 1    # "Shangri-La Hotel"
                    else:
                        break
                while s < m.start and doc[s].lower_ in {"the", "a", "an"}:
                    s += 1
                if s < m.start:
                    emit(s, m.end, typ, absorbed, None)
        return out

    def propagate_heads(self, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
        """"the Commission" after "European Commission": the capitalised head word of a longer
        organisation or place name, after "the", refers back to it."""
        taken = {i for c in chosen for i in range(c.start, c.end)}
        heads = {}
        for c in chosen:
            if c.label in {"Organization", "Place"} and c.end - c.start >= 2 and is_cap_word(doc[c.end - 1]):
                heads.setdefault(doc[c.end - 1].text, set()).add((c.label, c.kb_id))
        out = []
        texts = token_texts(doc)
        for i in range(1, len(doc)):
            text = texts[i]
            if (text in heads and i not in taken and len(heads[text]) == 1
                    and texts[i - 1].lower() == "the" and not (i + 1 < len(doc) and is_cap_word(doc[i + 1]))):
                label, kb = next(iter(heads[text]))
                out.append(Candidate(i, i + 1, label, "", 1))
        return out

    # ------------------------------------------------------------------ trained ner
    def _demonym_word(self, word: str) -> bool:
        """A demonym, or the plural of one ("Thais", "Filipinos")."""
        return word in self.demonym_words or (word.endswith("s") and word[:-1] in self.demonym_words)

    def model_candidates(self, doc: Doc, title_tokens: set[int], known: set[int]) -> list[Candidate]:
        """Entities a trained `ner` put in `doc.ents`, trimmed and kept only when they look like
        names: capitalised, not only common words or demonyms, not a pronoun phrase ("Their
        Majesties"), not a hashtag or handle, not a quoted slogan or nickname, and not a piece cut
        out of a longer name — a capitalised run ("Kesepahaman" of "Nota Kesepahaman"), also across
        a quote mark ("Apec Economic Leaders' Meeting"), a hyphenated word ("Trans-Caspian") or a
        name connector ("Initiative for Personal Rights"; but "Ahmad Zulkifli of Blue Harbour": a person
        and his organisation) — unless what borders it is a title or a
        known name."""
        out = []
        n = len(doc)
        pronouns = self.cue_words.get("pronoun_person", set()) | self.cue_words.get("pronoun_group", set())
        connectors = self.cue_words.get("name_connector", set())
        model_people = {i for e in doc.ents if NER_LABELS.get(e.label_.upper()) == "Person"
                        for i in range(e.start, e.end)}

        def capital_neighbour(i: int) -> bool:
            return (0 <= i < n and doc[i].is_alpha and doc[i].text[:1].isupper()
                    and i not in title_tokens and i not in known and not doc[i].is_sent_start)

        def quote(i: int) -> bool:
            return 0 <= i < n and doc[i].is_quote

        def glued_hyphen(i: int, j: int) -> bool:
            """doc[i] is a hyphen written without spaces between doc[j] and the span."""
            return (0 <= i < n and 0 <= j < n and doc[i].text in {"-", "‐", "–"}
                    and not doc[min(i, j)].whitespace_ and doc[j].is_alpha)

        def cut_out(s: int, end: int) -> bool:
            if capital_neighbour(s - 1) or (capital_neighbour(end) and not doc[end].is_sent_start):
                return True
            if (quote(s - 1) and capital_neighbour(s - 2)) or (quote(end) and capital_neighbour(end + 1)):
                return True
            if quote(s - 1) and quote(end):
                return True    # 'Vasudhaiva Kutumbakam', "Janja": a quoted slogan or nickname
            if glued_hyphen(s - 1, s - 2) or glued_hyphen(end, end + 1):
                return True
            return (s >= 2 and doc[s - 1].lower_ in connectors and capital_neighbour(s - 2)
                    and s - 2 not in model_people)   # not "Ahmad Zulkifli of Blue Harbour Logistics"

        for e in doc.ents:
            label = NER_LABELS.get(e.label_.upper(), e.label_)
            if label not in TYPE_ORDER:
                continue
            s, end = e.start, e.end
            while s < end and (doc[s].is_space or doc[s].is_punct or s in title_tokens):
                s += 1
            while end > s and (doc[end - 1].is_space or doc[end - 1].is_punct or end - 1 in title_tokens):
                end -= 1
            while label == "Person" and glued_hyphen(end, end + 1) and not doc[end].whitespace_:
                end += 2   # "Kang Hoon" of "Kang Hoon-sik": a hyphenated given name belongs to it
            words = [t for t in doc[s:end] if t.is_alpha]
            if not words or not doc[s].text[:1].isupper() or any(c in e.text for c in "#@") \
                    or (s > 0 and doc[s - 1].text in {"#", "@"} and not doc[s - 1].whitespace_):
                continue
            if len(words) == 1 and (words[0].lower_ in self.common or words[0].lower_ in self.calendar
                                    or words[0].is_upper):
                continue   # "Republik", "Pers", "KTT", "FTA": words, not names
            if len(words) == 1 and words[0].pos_ == "ADJ":
                continue   # "a Muslim country", "Western governments": the tagger reads an adjective
            if all(self._demonym_word(t.lower_) for t in words) or words[0].lower_ in pronouns:
                continue   # "Philippine", "Thais", "Saudi (Crown Prince)", "Their Majesties"
            if cut_out(s, end):
                continue
            if end + 1 < n and doc[end].text in {"-", "‐"} and not doc[end - 1].whitespace_ \
                    and not doc[end].whitespace_ and doc[end + 1].text[:1].isdigit():
                continue   # "Covid-19", "MH-17": a code with its number, not a name
            if (label == "Person" and self.affixes and is_headline(sentence_at(doc, s))
                    and any(self._everyday(t.lower_) for t in words)):
                continue   # "Temui Putin", "Tandatangani Nota Kesepahaman": a headline's verbs and
                # nouns are capitalised too, also with their affixes; the body names the person
            common = sum(t.lower_ in self.common for t in words)
            if common == len(words) and (label == "Place" or is_headline(sentence_at(doc, s))):
                continue   # "Bandar Udara", "Kantor Kepresidenan": descriptions, not names
            if label == "Person" and common > 1:
                continue   # "Retno Bahas Kerja Sama RI": a headline, not a name
            out.append(Candidate(s, end, label, e.kb_id_, 0))
        return out

    def _everyday(self, word: str) -> bool:
        """An everyday word of the language, or one with the affixes of `affixes.tsv` around an
        everyday stem of three letters or more ("temui" = temu + -i, "kesepahaman" = ke- +
        sepaham + -an)."""
        if word in self.common:
            return True
        prefixes, suffixes = self.affixes or ((), ())
        for p in ("",) + prefixes:
            if not word.startswith(p):
                continue
            for x in ("",) + suffixes:
                if (p or x) and word.endswith(x) and len(word) - len(p) - len(x) >= 3 \
                        and word[len(p):len(word) - len(x)] in self.common:
                    return True
        return False

    # ------------------------------------------------------------------ fuzzy
    def _misspelt_place_word(self, tok) -> bool:
        """A lone capitalised word that may be a misspelt place: no common word, no demonym."""
        return (is_cap_word(tok) and tok.is_alpha and tok.lower_ not in self.common
                and tok.lower_ not in self.demonym_words and tok.lower_ not in self.calendar)

    def fuzzy_candidates(self, doc: Doc, taken: set[int]) -> list[Candidate]:
        out = []
        texts = token_texts(doc)
        i, n = 0, len(doc)
        while i < n:
            if i in taken or not texts[i][:1].isupper():
                i += 1
                continue
            j = i
            while j < n and j not in taken and (texts[j][:1].isupper() or
                                                (texts[j].lower() in self.run_connectors and j > i)):
                j += 1
            if j - i == 1 and self._misspelt_place_word(doc[i]):
                entry = self.gaz.fuzzy_place(texts[i])
                if entry is not None:
                    out.append(Candidate(i, i + 1, entry.type, entry.id, 3))
            if j - i >= 2:
                best = None
                for s in range(i, j):
                    for e in range(min(j, s + 6), s + 1, -1):    # two to six words
                        entry = self.gaz.fuzzy(span_text(doc, s, e))
                        if entry is not None and (best is None or e - s > best.end - best.start):
                            best = Candidate(s, e, entry.type, entry.id, 3)
                    if best is not None:
                        break
                if best is not None:
                    out.append(best)
                else:   # "Indoensia dan Malaysia": no name across the run; a one-word member of
                    # a coordination in it may be a misspelt place
                    for k in range(i, j):
                        alone = ((k == i or not texts[k - 1][:1].isupper())
                                 and (k + 1 == j or not texts[k + 1][:1].isupper()))
                        if alone and self._misspelt_place_word(doc[k]):
                            entry = self.gaz.fuzzy_place(texts[k])
                            if entry is not None:
                                out.append(Candidate(k, k + 1, entry.type, entry.id, 3))
            i = max(j, i + 1)
        return out

    # ------------------------------------------------------------------ propagation
    def propagate_people(self, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
        """Bare later (or earlier) mentions of a known person's first or last name."""
        taken = {i for c in chosen for i in range(c.start, c.end)}
        names: dict[str, set[str]] = {}
        full_forms: dict[tuple[str, ...], str] = {}
        for c in chosen:
            if c.label != "Person":
                continue
            toks = [t.text for t in doc[c.start:c.end] if is_cap_word(t)]
            key = " ".join(toks)
            if len(toks) >= 2:
                full_forms[tuple(t.text for t in doc[c.start:c.end])] = key
                for part in (toks[0], toks[-1]):
                    names.setdefault(part, set()).add(key)
        out = []
        n = len(doc)
        texts = token_texts(doc)
        by_first: dict[str, list[tuple[str, ...]]] = {}   # full forms by first word, longest first
        for form in sorted(full_forms, key=len, reverse=True):
            by_first.setdefault(form[0], []).append(form)
        i = 0
        while i < n:
            if i in taken:
                i += 1
                continue
            matched = False
            for form in by_first.get(texts[i], ()):
                L = len(form)
                if i + L <= n and tuple(texts[i:i + L]) == form and not taken.intersection(range(i, i + L)):
                    out.append(Candidate(i, i + L, "Person", "", 2))
                    i += L
                    matched = True
                    break
            if matched:
                continue
            if texts[i] not in names:
                i += 1
                continue
            tok = doc[i]
            if tok.text in names and len(names[tok.text]) == 1 and is_cap_word(tok) and len(tok.text) > 1:
                headline = is_headline(sentence_at(doc, tok.i))
                if not (tok.lower_ in self.common and (headline or tok.is_sent_start)):
                    out.append(Candidate(i, i + 1, "Person", "", 2))
            i += 1
        return out

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        cue_matches = self.cues.matches(doc)
        cue_tokens = {i for m in cue_matches if m.row.get("cue") in {"cite", "speech_before", "speech_after"}
                      for i in range(m.start, m.end)}
        particles = self.cue_words.get("name_particle", set())
        preps = {i for m in cue_matches if m.row.get("cue") == "location_prep" for i in range(m.start, m.end)}
        gaz = self.gazetteer_candidates(doc, cue_tokens, preps)
        gaz_chosen = self._resolve(gaz)
        gaz_by_start = {c.start: c for c in gaz_chosen}
        blocked = {i for c in gaz_chosen if c.label != "Person" for i in range(c.start, c.end)}
        title_matches = self.titles.matches(doc)
        title_tokens = {i for m in title_matches for i in range(m.start, m.end)}
        honor_end = {m.start: m.end for m in self.honorifics.matches(doc)}
        honor_tokens = {i for s, e in honor_end.items() for i in range(s, e)}
        heads = self.headword_candidates(doc, blocked | title_tokens, particles, gaz_chosen)
        complements = dict(gaz_by_start)   # "Ketua SK Group Chey Tae-won": the title's organisation
        complements.update((c.start, c) for c in heads if c.start not in complements)
        people = self.strip_honorifics(
            doc, self.person_candidates(doc, blocked, title_matches, cue_matches, complements, honor_end),
            title_tokens, honor_end)
        known = {i for c in gaz_chosen + people for i in range(c.start, c.end)}
        model = self.strip_honorifics(doc, self.model_candidates(doc, title_tokens | honor_tokens, known),
                                      title_tokens, honor_end)
        surnames = self.honorific_surnames(doc, people + model, honor_end)
        model = [Candidate(c.start, c.end, "Person", "", c.priority)
                 if (c.label != "Person" and not c.kb_id and doc[c.end - 1].text in surnames
                     and all(is_cap_word(t) for t in doc[c.start:c.end])) else c for c in model]
        taken = {i for c in gaz_chosen + people for i in range(c.start, c.end)} | title_tokens
        fuzzy = self.fuzzy_candidates(doc, taken)
        chosen = self._resolve(gaz_chosen + people + fuzzy + heads)
        chosen = self._resolve(chosen + self.propagate_people(doc, chosen) + self.propagate_heads(doc, chosen))
        if model:   # the model fills the gaps the rules leave; names it finds then propagate too
            model = [self._misspelt_country(doc, m) for m in self._unambiguous(doc, model, chosen)]
            chosen = self._resolve(chosen + model)
            chosen = self._resolve(chosen + self.propagate_people(doc, chosen))
        doc.ents = [Span(doc, c.start, c.end, label=c.label, kb_id=c.kb_id) for c in chosen]
        return doc

    def _misspelt_country(self, doc: Doc, cand: Candidate) -> Candidate:
        """A one-word place the model found that is a country's name misspelt further than the
        rules accept ("Kagystan" for Kyrgyzstan): the model's label is the second piece of evidence,
        so a looser match to a country alone is taken."""
        if cand.label != "Place" or cand.end - cand.start != 1 or not self._misspelt_place_word(doc[cand.start]):
            return cand
        entry = self.gaz.fuzzy_place(doc[cand.start].text, min_score=MODEL_COUNTRY_SCORE)
        if entry is None or entry.type != "Country":
            return cand
        return Candidate(cand.start, cand.end, entry.type, entry.id, cand.priority)

    @staticmethod
    def _unambiguous(doc: Doc, model: list[Candidate], chosen: list[Candidate]) -> list[Candidate]:
        """Model candidates without the lone surnames two known people share ("Castro" where the
        article names Raul and Fidel Castro): the rules leave those to no one on purpose."""
        texts = token_texts(doc)
        owners: dict[str, set[str]] = {}
        for c in chosen:
            if c.label == "Person" and c.end - c.start >= 2:
                full = " ".join(texts[c.start:c.end])
                for i in range(c.start, c.end):
                    owners.setdefault(texts[i], set()).add(full)
        return [m for m in model if not (m.label == "Person" and m.end - m.start == 1
                                         and len(owners.get(texts[m.start], ())) >= 2)]

    @staticmethod
    def _resolve(cands: list[Candidate]) -> list[Candidate]:
        """Non-overlapping candidates: higher priority first, then longer."""
        chosen, taken = [], set()
        for c in sorted(cands, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
            if not taken.intersection(range(c.start, c.end)):
                chosen.append(c)
                taken.update(range(c.start, c.end))
        return sorted(chosen, key=lambda c: c.start)


@Language.factory("newskg_entities", default_config={"lang": "id"})
def make_entity_recognizer(nlp: Language, name: str, lang: str) -> EntityRecognizer:
    return EntityRecognizer(nlp, lang)
