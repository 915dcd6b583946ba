"""Events: meetings, summits, visits and partnerships, with their arguments.

Each trigger word (`resources/<lang>/triggers.tsv`) in a sentence is an event *mention*.  Its
arguments are read around it:
- participants: the chain of entities that is the subject before a verb trigger or follows a noun
  trigger ("Putin dan Xi Jinping bertemu", "Pertemuan Vladimir Putin dan Xi Jinping", "met with X and
  Y"), titles and the countries inside them skipped ("Presiden Rusia Vladimir Putin"); a partnership's
  parties are the ones "antara/between" names, and a person signing stands for the country whose
  office they hold;
- organizer (summits): the organisation written next to the trigger ("KTT G20", "APEC summit");
- location: the first place after a locative preposition ("di kota kuno Samarkand", "in Bali");
- date: the date expression nearest the trigger (`dates.find_dates`);
- status: Planned or Occurred from modality cues ("dijadwalkan", "akan", "will", "is expected to"),
  the trigger's tense, and the date against the publication date.
Mentions of one happening are then merged (same type, one's participants within the other's,
compatible date and place; "pertemuan itu" / "the meeting" joins the latest one), a meeting in the
same sentence as a summit becomes part of it, and events too thin to be real are dropped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span as SpacySpan

from ..facts import OCCURRED, PLANNED, Event, PartialDate, Span
from ..nlp.lexicon import LexMatch
from .dates import find_dates
from .entities import EntityIndex
from .roles import RoleReading

AGENT_TYPES = {"Person", "Organization", "Country"}
PLACE_TYPES = {"Place", "Country"}
COORD = {",", "dan", "and", "serta", "&", "maupun", "atau"}
CHAIN_SKIP = {"dengan", "with", "antara", "between", "oleh", "by", "the", "his", "her", "their", "its",
              "kedua", "both", "para", "sang", "for", "untuk", "of", "counterpart", "mitranya", "'s", "’s",
              "pemimpin", "leader", "leaders", "presiden", "president"}
MAX_CHAIN = 14
# how specific a place kind is: a venue inside a city inside a province inside a country inside a region
PLACE_RANK = {"venue": 4, "city": 3, "capital": 3, "province": 2, "state": 2, "island": 2,
              "country": 1, "territory": 1, "region": 0, "continent": 0, "sea": 0}


class Geo:
    """Containment between the article's places, from what the gazetteer knows of them."""

    def __init__(self, index: EntityIndex):
        self.index = index

    def _entity(self, key: str):
        return self.index.get(key)

    def rank(self, key: str) -> int:
        e = self._entity(key)
        if e.type == "Country":
            return 1
        return PLACE_RANK.get(e.kind or "", 3)

    def within(self, inner: str, outer: str) -> bool:
        """True when `inner` lies inside `outer` as far as the data tells (broad regions hold all)."""
        if inner == outer:
            return True
        a, b = self._entity(inner), self._entity(outer)
        if self.rank(outer) == 0:
            return self.rank(inner) > 0
        entry = self.index.entries.get(inner)
        if b.type == "Country":
            return entry is not None and entry.country == b.name
        return False

    def combine(self, a: str | None, b: str | None) -> tuple[bool, str | None]:
        """(compatible, the more specific) of two locations of one event."""
        if a is None or b is None or a == b:
            return True, a or b
        if self.within(a, b):
            return True, a
        if self.within(b, a):
            return True, b
        return False, a


@dataclass
class Mention:
    """One event mention: what one trigger in one sentence says."""
    type: str
    trigger: LexMatch
    sent: SpacySpan
    participants: list[str] = field(default_factory=list)
    location: str | None = None
    organizer: str | None = None
    date: PartialDate | None = None
    status: str | None = None          # explicit status, None when the text does not say
    anaphoric: bool = False
    event: Event | None = None


@dataclass
class Context:
    """What the event reader needs besides the Doc."""
    index: EntityIndex
    roles: RoleReading
    triggers: list[LexMatch]
    cues: list[LexMatch]
    lang: str
    published: date | None
    outlets: set[str] = field(default_factory=set)      # entity keys of news outlets

    def __post_init__(self) -> None:
        self.cue_at: dict[int, str] = {}
        for m in self.cues:
            for i in range(m.start, m.end):
                self.cue_at[i] = m.row.get("cue", "")


def _entity_at(ctx: Context, doc: Doc, i: int) -> tuple[str, int, int] | None:
    """(key, start, end) of the entity covering token i."""
    key = ctx.index.key_at(i)
    if key is None:
        return None
    s, e = i, i + 1
    while s > 0 and ctx.index.key_at(s - 1) == key:
        s -= 1
    while e < len(doc) and ctx.index.key_at(e) == key:
        e += 1
    return key, s, e


def _type(ctx: Context, key: str) -> str:
    return ctx.index.get(key).type


def _is_agent(ctx: Context, key: str, i: int) -> bool:
    return (_type(ctx, key) in AGENT_TYPES and key not in ctx.outlets
            and i not in ctx.roles.complement_tokens)


def chain_right(ctx: Context, doc: Doc, i: int, limit: int) -> list[str]:
    """Entities coordinated from token i rightwards ("X dan Y", "X, Y and Z")."""
    out: list[str] = []
    j, steps = i, 0
    while j < limit and steps < MAX_CHAIN:
        steps += 1
        tok = doc[j]
        hit = _entity_at(ctx, doc, j)
        if hit:
            key, s, e = hit
            if _is_agent(ctx, key, j):
                if key not in out:
                    out.append(key)
            elif _type(ctx, key) in PLACE_TYPES and j not in ctx.roles.complement_tokens:
                break
            j = e
            continue
        if j in ctx.roles.title_tokens or tok.lower_ in CHAIN_SKIP or (tok.lower_ in COORD and out):
            j += 1
            continue
        break
    return out


def chain_left(ctx: Context, doc: Doc, i: int, floor: int) -> list[str]:
    """Entities coordinated leftwards from token i-1, skipping modal cues ("Putin dan Xi akan …")."""
    out: list[str] = []
    j = i - 1
    # skip modality cues and short adverbs between the subject and the verb
    skipped = 0
    while j >= floor and skipped < 4 and (ctx.cue_at.get(j) in {"planned", "occurred"} or
                                          (doc[j].is_lower and doc[j].is_alpha and skipped < 2
                                           and ctx.index.key_at(j) is None and doc[j].lower_ not in COORD)):
        j -= 1
        skipped += 1
    coordinated = False
    steps = 0
    while j >= floor and steps < MAX_CHAIN:
        steps += 1
        tok = doc[j]
        hit = _entity_at(ctx, doc, j)
        if hit:
            key, s, e = hit
            if _is_agent(ctx, key, j):
                if key not in out:
                    out.append(key)
            elif j not in ctx.roles.complement_tokens:
                break
            j = s - 1
            continue
        if j in ctx.roles.title_tokens or tok.lower_ in {"'s", "’s", "the"}:
            j -= 1
            continue
        if tok.lower_ in COORD - {","} and out:
            coordinated = True
            j -= 1
            continue
        if tok.text == "," and out and coordinated:
            j -= 1
            continue
        break
    return list(reversed(out))


def _clause_bounds(doc: Doc, sent: SpacySpan, m: LexMatch, triggers: list[LexMatch]) -> tuple[int, int]:
    """Token range of the trigger's clause: the sentence cut at neighbouring triggers of other types."""
    lo, hi = sent.start, sent.end
    for t in triggers:
        if t.start >= sent.end or t.end <= sent.start or t is m:
            continue
        if t.row.get("event") == m.row.get("event"):
            continue
        if t.end <= m.start:
            lo = max(lo, t.end)
        elif t.start >= m.end:
            hi = min(hi, t.start)
    return lo, hi


def _location(ctx: Context, doc: Doc, start: int, end: int, exclude: set[str]) -> str | None:
    """The first place after a locative preposition in [start, end); the more specific of "X, Y"."""
    j = start
    while j < end:
        if ctx.cue_at.get(j) == "location_prep":
            k = j + 1
            # "di kota kuno Samarkand", "in the ancient city of Samarkand"
            while k < end and k - j <= 4 and ctx.index.key_at(k) is None and doc[k].is_alpha and not doc[k].text[:1].isupper() or (k < end and doc[k].lower_ in {"the", "of"}):
                k += 1
            hit = _entity_at(ctx, doc, k) if k < end else None
            if hit and _type(ctx, hit[0]) in PLACE_TYPES and hit[0] not in exclude:
                return _more_specific(ctx, doc, hit, end)
        j += 1
    return None


def _more_specific(ctx: Context, doc: Doc, hit: tuple[str, int, int], end: int) -> str:
    key = hit[0]
    return key


def _organizer(ctx: Context, doc: Doc, m: LexMatch, lo: int, hi: int) -> str | None:
    """The organisation written next to a summit trigger ("KTT G20", "KTT ke-42 ASEAN", "APEC summit")."""
    cands = []
    for j in (m.start - 1, m.start - 2):
        if j >= lo:
            hit = _entity_at(ctx, doc, j)
            if hit and _type(ctx, hit[0]) == "Organization":
                cands.append(hit[0])
                break
    j = m.end
    while j < hi and j - m.end < 4:
        hit = _entity_at(ctx, doc, j)
        if hit:
            if _type(ctx, hit[0]) == "Organization":
                cands.append(hit[0])
            break
        j += 1
    return cands[0] if cands else None


def _adjacent_place(ctx: Context, doc: Doc, m: LexMatch, hi: int) -> str | None:
    """A place written right after the summit name ("KTT G20 Bali", "Kazan summit")."""
    j = m.end
    seen_org = False
    while j < hi and j - m.end < 6:
        hit = _entity_at(ctx, doc, j)
        if hit:
            if _type(ctx, hit[0]) == "Organization" and not seen_org:
                seen_org = True
                j = hit[2]
                continue
            if _type(ctx, hit[0]) == "Place":
                return hit[0]
            break
        if not (doc[j].like_num or doc[j].text in {"ke", "-"} or doc[j].lower_.startswith("ke-")):
            break
        j += 1
    if m.start > 0:
        hit = _entity_at(ctx, doc, m.start - 1)
        if hit and _type(ctx, hit[0]) == "Place":
            return hit[0]
    return None


def _status(ctx: Context, doc: Doc, m: LexMatch, lo: int, hi: int) -> str | None:
    """Planned/Occurred when the clause says so (cues, English tense), else None."""
    tense = m.row.get("tense", "")
    window = range(max(lo, m.start - 6), min(hi, m.end + (4 if m.row.get("pos") == "noun" else 1)))
    cues = [ctx.cue_at.get(i) for i in window if i < m.start or i >= m.end]
    if "planned" in cues:
        return PLANNED
    if tense == "past":
        return OCCURRED
    if "occurred" in cues:
        return OCCURRED
    if tense == "base" and m.start > 0 and doc[m.start - 1].lower_ == "to":
        return PLANNED
    return None


def _negated(ctx: Context, doc: Doc, m: LexMatch) -> bool:
    for i in range(max(0, m.start - 2), m.start):
        if ctx.cue_at.get(i) in {"negation", "hypothetical"}:
            return True
    return False


def _anaphoric(ctx: Context, doc: Doc, m: LexMatch) -> bool:
    after = m.end < len(doc) and ctx.cue_at.get(m.end) == "anaphor" and ctx.lang == "id"
    before = m.start > 0 and ctx.cue_at.get(m.start - 1) == "anaphor" and ctx.lang != "id"
    return bool(after or before)


def read_mentions(doc: Doc, ctx: Context) -> list[Mention]:
    """Every event mention in the doc, in text order."""
    mentions: list[Mention] = []
    for m in ctx.triggers:
        etype = m.row.get("event")
        if not etype or _negated(ctx, doc, m):
            continue
        sent = doc[m.start].sent
        lo, hi = _clause_bounds(doc, sent, m, ctx.triggers)
        men = Mention(type=etype, trigger=m, sent=sent, anaphoric=_anaphoric(ctx, doc, m))
        is_noun = m.row.get("pos") == "noun"
        right = chain_right(ctx, doc, m.end, hi)
        left = chain_left(ctx, doc, m.start, lo)
        if etype == "Partnership":
            men.participants = _partnership_parties(ctx, doc, m, lo, hi, left, right)
        elif etype == "Summit":
            men.organizer = _organizer(ctx, doc, m, lo, hi)
            people = [k for k in left + right if k != men.organizer]
            men.participants = people
        elif etype == "Visit":
            men.participants = [k for k in (right[:1] if is_noun and right else left or right)
                                if _type(ctx, k) in {"Person", "Organization", "Country"}]
            if not men.participants:
                men.participants = _nearest_person(ctx, doc, m, lo, hi)
        else:
            men.participants = left + [k for k in right if k not in left] if not is_noun else \
                (right if right else left)
            if is_noun and m.start > 0 and doc[m.start - 1].lower_ in {"'s", "’s"}:
                men.participants = left + [k for k in right if k not in left]
        if m.row.get("needs") == "person" and not men.participants:
            continue
        exclude = set(men.participants) | ({men.organizer} if men.organizer else set())
        men.location = _location(ctx, doc, m.end, hi, exclude) or _location(ctx, doc, lo, m.start, exclude)
        if etype == "Summit" and men.location is None:
            men.location = _adjacent_place(ctx, doc, m, hi)
        men.status = _status(ctx, doc, m, lo, hi)
        men.date = _nearest_date(doc, ctx, sent, m, men.status)
        mentions.append(men)
    return mentions


def _nearest_person(ctx: Context, doc: Doc, m: LexMatch, lo: int, hi: int) -> list[str]:
    """The person nearest the trigger in its clause ("Kunjungan ini … Xi Jinping meninggalkan …")."""
    best = None
    for j in range(lo, hi):
        key = ctx.index.key_at(j)
        if key and _type(ctx, key) == "Person" and _is_agent(ctx, key, j):
            d = abs(j - m.start)
            if best is None or d < best[0]:
                best = (d, key)
    return [best[1]] if best else []


def _partnership_parties(ctx, doc, m, lo, hi, left, right) -> list[str]:
    parties: list[str] = []
    for j in range(m.end, hi):
        if ctx.cue_at.get(j) == "between":
            parties = chain_right(ctx, doc, j + 1, hi)
            break
    if not parties:
        parties = left + [k for k in right if k not in left]
    # a person signing stands for the country whose office they hold
    office = {p.holder: p.of for p in ctx.roles.positions if p.of}
    out = []
    for k in parties:
        k2 = office.get(k, k) if _type(ctx, k) == "Person" else k
        if k2 not in out:
            out.append(k2)
    return out


def _nearest_date(doc: Doc, ctx: Context, sent: SpacySpan, m: LexMatch, status: str | None) -> PartialDate | None:
    tense = {PLANNED: "future", OCCURRED: "past"}.get(status or "")
    found = find_dates(sent.text, ctx.lang, ctx.published, tense=tense, offset=sent.start_char)
    if not found:
        return None
    anchor = doc[m.start].idx
    return min(found, key=lambda d: abs(d.start - anchor)).value


# ------------------------------------------------------------------------------ merging
def _compatible_dates(a: PartialDate | None, b: PartialDate | None) -> bool:
    return a is None or b is None or a.contains(b) or b.contains(a)


def _more_precise(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    if a is None:
        return b
    if b is None:
        return a
    return b if len(b.iso) > len(a.iso) and a.contains(b) else a


def _mergeable(ev: Event, men: Mention, geo: Geo) -> bool:
    if ev.type != men.type or not _compatible_dates(ev.date, men.date):
        return False
    if not geo.combine(ev.location, men.location)[0]:
        return False
    a, b = set(ev.participants), set(men.participants)
    if men.type == "Summit":
        if ev.organizer and men.organizer:
            return ev.organizer == men.organizer
        return bool(a & b) or men.anaphoric or not b
    if not a or not b:
        return False
    return a <= b or b <= a


def merge_mentions(mentions: list[Mention], published: date | None, geo: Geo) -> list[Event]:
    """One Event per happening, in order of first mention."""
    events: list[Event] = []
    inherits: dict[str, list[Event]] = {}   # event key -> events of the sentence it refers back to
    previous: list[Event] = []              # events of the latest sentence that told one
    sent_start, current = -1, []
    for men in mentions:
        if men.sent.start != sent_start:
            if current:
                previous = current
            sent_start, current = men.sent.start, []
        target = None
        if men.anaphoric or not men.participants:
            same = [e for e in events if e.type == men.type]
            target = same[-1] if same else None
            if target is not None and not _compatible_dates(target.date, men.date):
                target = None
        if target is None:
            target = next((e for e in reversed(events) if _mergeable(e, men, geo)), None)
        if target is None:
            target = Event(key=f"v{len(events) + 1}", type=men.type)
            events.append(target)
            if men.anaphoric and previous and not men.location:
                # "Kunjungan ini …": it took place where and when the event just told did
                inherits[target.key] = list(previous)
        _absorb(target, men, geo)
        men.event = target
        if target not in current:
            current.append(target)
    _link_summits(mentions, geo)
    order = sorted(events, key=lambda e: e.type == "Summit")   # parts settle before their summits
    for ev in order:
        if ev.key not in inherits:
            _settle_status(ev, mentions, published)
    _inherit(events, inherits)
    return [e for e in events if _substantial(e)]


def _inherit(events: list[Event], inherits: dict[str, list[Event]]) -> None:
    """Give events told by reference ("this visit") the place, date and status of the event
    they refer back to (the one of that sentence known most precisely)."""
    for ev in events:
        sources = [s for s in inherits.get(ev.key, []) if s is not ev]
        if not sources:
            continue
        src = max(sources, key=lambda s: (len(s.date.iso) if s.date else 0, s.type != "Summit"))
        ev.location = ev.location or src.location
        ev.date = ev.date or src.date
        ev.status = src.status


def _absorb(ev: Event, men: Mention, geo: Geo) -> None:
    for p in men.participants:
        if p not in ev.participants:
            ev.participants.append(p)
    ev.location = geo.combine(ev.location, men.location)[1]
    ev.organizer = ev.organizer or men.organizer
    ev.date = _more_precise(ev.date, men.date)
    t = men.trigger
    span = Span.of(men.sent.doc.text, men.sent.start_char, men.sent.end_char)
    if span not in ev.evidence:
        ev.evidence.append(span)
    doc = men.sent.doc
    ev.triggers.append(Span(doc[t.start].idx, doc[t.end - 1].idx + len(doc[t.end - 1].text),
                            doc[t.start:t.end].text))


def _link_summits(mentions: list[Mention], geo: Geo) -> None:
    """A meeting or visit told in the same sentence as a summit is part of it; a summit without
    its own date takes the month of its parts', without attendees takes their participants."""
    by_sent: dict[int, list[Mention]] = {}
    for men in mentions:
        by_sent.setdefault(men.sent.start, []).append(men)
    for group in by_sent.values():
        summits = [m.event for m in group if m.type == "Summit" and m.event is not None]
        if not summits:
            continue
        summit = summits[0]
        for men in group:
            ev = men.event
            if ev is None or ev is summit or ev.type not in {"Meeting", "Visit"}:
                continue
            ev.part_of = ev.part_of or summit.key
            ok, loc = geo.combine(ev.location, summit.location)
            if ok:
                ev.location = summit.location = loc
            for p in ev.participants:
                if p not in summit.participants and p != summit.organizer:
                    summit.participants.append(p)
    events = {m.event.key: m.event for m in mentions if m.event is not None}
    for ev in events.values():
        if ev.type == "Summit" and ev.date is None:
            parts = [e.date for e in events.values() if e.part_of == ev.key and e.date]
            if parts:
                d = parts[0]
                ev.date = PartialDate(d.year, d.month)


def _settle_status(ev: Event, mentions: list[Mention], published: date | None) -> None:
    said = [m.status for m in mentions if m.event is ev and m.status]
    if PLANNED in said:
        ev.status = PLANNED
    elif OCCURRED in said:
        ev.status = OCCURRED
    elif ev.date is not None and published is not None and ev.date.day is not None:
        ev.status = PLANNED if date(ev.date.year, ev.date.month, ev.date.day) > published else OCCURRED
    else:
        ev.status = OCCURRED
    if ev.type == "Summit" and not said:
        parts = [m.event for m in mentions if m.event is not None and m.event.part_of == ev.key]
        if parts:
            ev.status = parts[0].status


def _substantial(ev: Event) -> bool:
    if ev.type in {"Meeting", "Partnership"}:
        return len(ev.participants) >= 2
    if ev.type == "Visit":
        return len(ev.participants) >= 1
    return bool(ev.participants or ev.organizer)


def extract_events(doc: Doc, ctx: Context) -> list[Event]:
    """The article's events (see the module docstring)."""
    return merge_mentions(read_mentions(doc, ctx), ctx.published, Geo(ctx.index))
