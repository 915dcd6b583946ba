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
What a clause leaves empty comes from the event it belongs to (`discourse`: a meeting during a
visit or a summit), and an agreement told with a list of instruments becomes one per item (`lists`).
Hypothetical, invited, offered or wished events are no events; a reporting source is no party.
"""
from __future__ import annotations

import bisect

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span as SpacySpan

from ..facts import OCCURRED, PLANNED, Event, PartialDate, Span
from ..nlp.lexicon import LexMatch
from ..nlp.sentences import doc_text, sentence_at
from .arguments import AGENT_TYPES, ArgumentReader
from .dates import DateMention, bounds_period, find_dates
from .discourse import country_for_its_leader, drop_own_country, join_related, organisers_not_attending
from .lists import split_listed
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

    def __init__(self, index: EntityIndex, written_with=None):
        self.index = index
        self.written_with = written_with   # place key -> country name the text writes it with

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
        # a venue in a city, a city in a province: more specific and in the same country
        outer_entry = self.index.entries.get(outer)
        return (entry is not None and outer_entry is not None and bool(entry.country)
                and entry.country == outer_entry.country and self.rank(inner) > self.rank(outer))

    def country_name(self, key: str) -> str | None:
        """Name of the country a place lies in (the country itself for a Country)."""
        e = self._entity(key)
        if e.type == "Country":
            return e.name
        entry = self.index.entries.get(key)
        if entry is not None and entry.country:
            return entry.country
        return self.written_with(key) if self.written_with else None

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
    reader: ArgumentReader
    triggers: list[LexMatch]
    lang: str
    published: date | None
    dates: list[DateMention] = field(default_factory=list)
    roles: RoleReading | None = None
    date_cache: dict = field(default_factory=dict)
    _starts: list[int] | None = None

    def triggers_near(self, start: int, end: int) -> list[LexMatch]:
        """The triggers that begin in tokens [start, end) (a sentence, a clause): found by
        bisection, so an article's reading stays linear in its number of triggers."""
        if self._starts is None:
            self.triggers = sorted(self.triggers, key=lambda t: (t.start, t.end))
            self._starts = [t.start for t in self.triggers]
        return self.triggers[bisect.bisect_left(self._starts, start):bisect.bisect_left(self._starts, end)]

    @property
    def cue_at(self) -> dict[int, str]:
        return self.reader.cue_at


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


PASSIVE_REACH = 6        # tokens after a verb trigger within which its passive agent's "by" may stand
HYPOTHETICAL_REACH = 10   # tokens before a trigger that a hypothetical cue ("if", "mengundang") governs


def _negated(ctx: Context, doc: Doc, m: LexMatch) -> bool:
    """True for an event the text does not tell as real: negated right before the trigger ("batal
    bertemu"), or governed by a hypothetical, conditional, invited, offered or wished frame earlier
    in its sentence ("if he is there I will meet him", "mengundang Xi untuk berkunjung") unless an
    invitation was accepted ("accepted an invitation to pay an official visit": planned)."""
    for i in range(max(0, m.start - 2), m.start):
        if ctx.cue_at.get(i) == "negation":
            return True
    start = max(sentence_at(doc, m.start).start, m.start - HYPOTHETICAL_REACH)
    cues = [ctx.cue_at.get(i) for i in range(start, m.start)]
    return "hypothetical" in cues and "accept" not in cues


def _anaphoric(ctx: Context, doc: Doc, m: LexMatch) -> bool:
    after = m.end < len(doc) and ctx.cue_at.get(m.end) == "anaphor" and ctx.lang == "id"
    before = m.start > 0 and ctx.cue_at.get(m.start - 1) == "anaphor" and ctx.lang != "id"
    return bool(after or before)


def _guest(ctx: Context, m: LexMatch, hi: int):
    """The objects after a visit or meeting noun right after a verb trigger (its guest), or None."""
    nxt = next((t for t in ctx.triggers_near(m.end, m.end + 2) if t.row.get("pos") == "noun"
                and t.row.get("event") in {"Visit", "Meeting"}), None)
    if nxt is None:
        return None
    j = nxt.end
    if j < hi and ctx.cue_at.get(j) == "from":
        j += 1
    found = ctx.reader.objects(j, hi)
    return found if found.keys else None


AGREEMENT_REACH = 6      # tokens after a partnership word within which what was signed is named


def _an_agreement(ctx: Context, doc: Doc, m: LexMatch, hi: int) -> bool:
    """False when the partnership word signs or names no agreement between parties (CONVENTIONS
    §4): a declaration, communiqué or membership ("menandatangani Deklarasi Penerimaan Timor-Leste
    sebagai anggota"), or an organisation described as an alliance ("aliansi militer NATO")."""
    r = ctx.reader
    ahead = range(m.end, min(hi, m.end + AGREEMENT_REACH))
    if any(ctx.cue_at.get(i) == "not_agreement" for i in ahead):
        return False
    if m.row.get("pos") == "noun":
        j = m.end
        while j < hi and j - m.end < 2 and doc[j].is_lower and r.index.key_at(j) is None:
            j += 1
        hit = r.entity_at(j) if j < hi else None
        joined = hit is not None and hit[2] < len(doc) and doc[hit[2]].text in {"-", "–"}   # "ASEAN-China"
        if hit is not None and r.is_international(hit[0]) and not joined:
            return False
    return True


def _joint_signers(ctx: Context, m: LexMatch, lo: int) -> list[str]:
    """The people of two or more countries a signing is told of as doing it together ("Presiden
    Prabowo bersama Presiden Xi Jinping menyaksikan penandatanganan …", "X and Y signed …")."""
    r = ctx.reader
    people = [k for k in r.subject(m.start, lo).keys if r.type_of(k) == "Person"]
    countries = {r.country_of(k) for k in people}
    return people if len(people) >= 2 and None not in countries and len(countries) == len(people) else []


def _verb_use(ctx: Context, m: LexMatch) -> bool:
    """True for a noun-or-verb form used as a verb ("will visit"; "to visit", tagged a verb)."""
    doc = ctx.reader.doc
    return (m.start > 0 and ctx.cue_at.get(m.start - 1) in {"planned", "to"}) or \
        (m.end - m.start == 1 and doc[m.start].pos_ == "VERB")


def _parties(ctx: Context, doc: Doc, m: LexMatch, lo: int, hi: int) -> list[list[str]]:
    """Participant lists of one trigger (several when one side meets several others in turn)."""
    r = ctx.reader
    etype = m.row.get("event")
    is_noun = m.row.get("pos") == "noun" and not _verb_use(ctx, m)
    obj = r.objects(m.end, hi)
    if not obj.keys and etype == "Meeting" and not is_noun:
        # "menerima kunjungan kehormatan PM Xanana", "received a visit from X": the guest follows
        # the visit word the host received
        obj = _guest(ctx, m, sentence_at(doc, m.start).end) or obj
    if not obj.keys and not is_noun:
        # a passive's agent a few words on: "disambut dengan penuh kehormatan oleh Presiden Xi",
        # "was welcomed warmly by X"
        by = next((j for j in range(m.end, min(hi, m.end + PASSIVE_REACH)) if ctx.cue_at.get(j) == "by"), None)
        if by is not None:
            obj = r.objects(by + 1, hi)
            obj.marked = bool(obj.keys)
    if not obj.keys and r.parsed:          # the parse finds objects the surface chain missed
        obj.keys = r.dep_objects(m, lo, hi)
        obj.marked = bool(obj.keys)
    unnamed = False
    if is_noun and obj.keys and not obj.marked:
        subj_keys: list[str] = []          # "Pertemuan Putin dan Xi", "talks between X and Y"
    else:
        subj = r.subject(m.start, lo)
        unnamed = subj.unnamed
        subj_keys = subj.keys or ([] if unnamed else r.dep_subject(m, lo, hi))
    if etype == "Visit":
        if is_noun:
            # "his Bali visit", "Saudi Arabia Visit", "Tanzania is Xi's first stop on a tour": a
            # country or place told with a visit noun is where it goes, not who goes
            visitors = [k for k in obj.keys if r.type_of(k) != "Country"][:1] or \
                [k for k in subj_keys if r.type_of(k) != "Country"]
        else:
            visitors = subj_keys
        visitors = [k for k in visitors if r.type_of(k) in AGENT_TYPES]
        if not visitors and not unnamed:
            # "Kunjungan ini … Xi Jinping meninggalkan …"; a verb's unexpressed subject is the topic,
            # a visit noun's is not guessed ("Saudi Arabia Visit", "an official trip to Russia")
            near = r.nearest_person(m.end, hi) or (None if is_noun else r.topic(m.start))
            visitors = [near] if near else []
        if len(visitors) >= 2:
            r.group = list(visitors)      # "the two leaders" later are these travellers
        return [[v] for v in visitors] or [[]]     # co-travellers: one visit each
    if etype == "Partnership":
        between = r.between(m.end, hi)
        if len(between) >= 2:
            parties = between
        else:
            parties = obj.keys if obj.marked and len(obj.keys) >= 2 else subj_keys + [k for k in obj.keys if k not in subj_keys]
        if len(parties) < 2 and is_noun:
            parties = r.leading_subject(lo, m.start) or parties
        out: list[str] = []
        for k in parties:
            k2 = (r.country_of(k) or k) if r.type_of(k) == "Person" else k
            if k2 not in out:
                out.append(k2)
        return [out]
    if etype == "Summit":
        attendees = subj_keys + [k for k in obj.keys if k not in subj_keys]
        return [attendees + [k for k in r.people_in(lo, hi) if k not in attendees]]
    # Meeting
    if is_noun and obj.keys and not obj.marked and r.is_international(obj.keys[0]):
        # "pertemuan Organisasi Kerjasama Shanghai": whoever takes part in it
        subj = r.subject(m.start, lo).keys
        return [subj + [k for k in obj.keys if k not in subj]]
    if not subj_keys and obj.keys and (not is_noun or obj.marked):
        t = r.topic(m.start)
        subj_keys = [t] if t and t not in obj.keys else []
    if len(subj_keys) == 1 and len(obj.keys) >= 2 and (not is_noun or obj.marked):
        return [[subj_keys[0], k] for k in obj.keys if k != subj_keys[0]]
    parts = subj_keys + [k for k in obj.keys if k not in subj_keys]
    if not parts and is_noun:
        parts = r.leading_subject(lo, m.start)
    return [parts]


def read_mentions(doc: Doc, ctx: Context) -> list[Mention]:
    """Every event mention in the doc, in text order."""
    r = ctx.reader
    mentions: list[Mention] = []
    for m in ctx.triggers:
        etype = m.row.get("event")
        if not etype or _negated(ctx, doc, m):
            continue
        sent = sentence_at(doc, m.start)
        lo, hi = _clause_bounds(doc, sent, m, ctx.triggers_near(sent.start, sent.end))
        if etype == "Partnership" and not _an_agreement(ctx, doc, m, hi):
            continue
        organizer = r.organizer(m, lo, hi) if etype == "Summit" else None
        status = _status(ctx, doc, m, lo, hi)
        when = _nearest_date(doc, ctx, sent, m, status)
        groups = _parties(ctx, doc, m, lo, hi)
        if etype == "Partnership":
            signers = _joint_signers(ctx, m, lo)
            if signers:
                # two leaders signing (or witnessing the signing) together met: CONVENTIONS §4
                mentions.append(Mention(type="Meeting", trigger=m, sent=sent, participants=signers,
                                        status=status, date=when))
        for parts in groups:
            kind, host = etype, organizer
            body = next((k for k in parts if r.is_international(k)), None) if etype == "Meeting" else None
            if body is not None:
                # a meeting of (or with the leaders of) ASEAN, the SCO …: a summit of that body,
                # attended by whoever the clause names ("… yang hadir dalam pertemuan adalah …")
                kind, host = "Summit", body
                parts = parts + [k for k in r.people_in(lo, hi) if k not in parts]
            else:
                parts = [k for k in parts if k != host]
            if m.row.get("needs") == "person" and not parts:
                continue
            men = Mention(type=kind, trigger=m, sent=sent, anaphoric=_anaphoric(ctx, doc, m),
                          participants=parts, organizer=host, status=status, date=when)
            exclude = set(parts) | ({host} if host else set())
            # a trigger ending in its own preposition ("heading to", "perjalanan ke", "setibanya
            # di") has its place right after it
            after = m.end - 1 if ctx.cue_at.get(m.end - 1) == "location_prep" else m.end
            men.location = r.location(after, hi, exclude) or r.location(lo, m.start, exclude)
            if kind == "Visit" and men.location is not None:
                # "visits to Poland, Romania and Norway": one visit per destination
                more = r.places_coordinated_with(men.location, hi)
                for place in more:
                    extra = Mention(type=kind, trigger=m, sent=sent, anaphoric=men.anaphoric,
                                    participants=list(parts), status=status, location=place,
                                    date=_date_after(ctx, sent, r.index.get(place), when))
                    mentions.append(extra)
            verbal = m.row.get("pos") == "verb" or _verb_use(ctx, m)
            if kind == "Visit" and men.location is None and verbal:
                men.location = r.direct_place(m.end, hi)     # "visited China", "to visit Jakarta"
            if kind == "Visit" and men.location is None and not verbal:
                men.location = r.place_before(m.start, exclude)
            if kind == "Summit" and men.location is None:
                men.location = r.adjacent_place(m, hi)
            mentions.append(men)
            if len([p for p in parts if r.type_of(p) == "Person"]) >= 2:
                r.group = list(parts)
    return mentions


def _date_after(ctx: Context, sent: SpacySpan, place, default: PartialDate | None) -> PartialDate | None:
    """The first date told after a destination in its sentence ("… and to the UAE and Saudi Arabia in
    November"): a group of destinations is dated by the date that closes it."""
    found = next((v for k, v in ctx.date_cache.items() if k[0] == sent.start), None) or []
    starts = [m.start for m in place.mentions if sent.start_char <= m.start < sent.end_char]
    if not starts:
        return default
    later = [d for d in found if d.start > starts[0]]
    return min(later, key=lambda d: d.start).value if later else default


def _nearest_date(doc: Doc, ctx: Context, sent: SpacySpan, m: LexMatch, status: str | None) -> PartialDate | None:
    tense = {PLANNED: "future", OCCURRED: "past"}.get(status or "")
    key = (sent.start, tense)
    if key not in ctx.date_cache:      # one reading per sentence and tense, however many triggers
        ctx.date_cache[key] = [d for d in find_dates(sent.text, ctx.lang, ctx.published, tense=tense,
                                                     offset=sent.start_char)
                               if not bounds_period(sent.text, d.start - sent.start_char, ctx.lang)]
    found = ctx.date_cache[key]
    if not found:
        return None
    anchor = doc[m.start].idx
    # a date between two triggers belongs to the nearer: "arrived … on Tuesday on the eve of a
    # meeting" dates the arrival, not the meeting; a date after both ("… ke Iran dengan bertemu …,
    # Selasa (11/3)") dates both
    others = [doc[t.start].idx for t in ctx.triggers_near(sent.start, sent.end) if t is not m
              and t.row.get("event") and t.row.get("event") != m.row.get("event")]
    def taken(d, o):          # the date stands between the two triggers, nearer the other one
        return min(anchor, o) < d.start < max(anchor, o) and abs(d.start - o) < abs(d.start - anchor)
    own = [d for d in found if not any(taken(d, o) for o in others)]
    return min(own, key=lambda d: abs(d.start - anchor)).value if own else None


# ------------------------------------------------------------------------------ merging
def _compatible_dates(a: PartialDate | None, b: PartialDate | None) -> bool:
    return a is None or b is None or a.contains(b) or b.contains(a)


def _more_precise(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    if a is None:
        return b
    if b is None:
        return a
    return b if len(b.iso) > len(a.iso) and a.contains(b) else a


def _close_dates(a: PartialDate | None, b: PartialDate | None, days: int = 4) -> bool:
    """Compatible, or both full dates within a few days (the days of one summit)."""
    if _compatible_dates(a, b):
        return True
    if a.day is None or b.day is None:
        return False
    return abs((date(a.year, a.month, a.day) - date(b.year, b.month, b.day)).days) <= days


def _mergeable(ev: Event, men: Mention, geo: Geo) -> bool:
    if ev.type != men.type:
        return False
    # the days of one summit, or of one trip ("began a three-day state visit on Sunday", "the
    # centrepiece of the visit will be talks on Monday")
    close = ev.type in {"Summit", "Visit"}
    if not (_close_dates(ev.date, men.date) if close else _compatible_dates(ev.date, men.date)):
        return False
    same_place = geo.combine(ev.location, men.location)[0]
    a, b = set(ev.participants), set(men.participants)
    if men.type == "Summit":
        if ev.organizer and men.organizer:
            # one organiser's summit in the same days, told at the venue and at the city
            # ("Hotel Meruorah", "Labuan Bajo"), is one summit
            return ev.organizer == men.organizer
        return same_place   # an article rarely tells two summits without naming their organisers
    if not same_place:
        return False
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
    # "The visit caps …" refers to a visit already told: its parties are that visit's, not a guess
    if not (men.anaphoric and ev.participants):
        for p in men.participants:
            if p not in ev.participants:
                ev.participants.append(p)
    ev.location = geo.combine(ev.location, men.location)[1]
    ev.organizer = ev.organizer or men.organizer
    ev.date = _more_precise(ev.date, men.date)
    t = men.trigger
    span = Span.of(doc_text(men.sent.doc), men.sent.start_char, men.sent.end_char)
    if span not in ev.evidence[-1:]:   # mentions come in text order: a repeat is the latest sentence
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
    by_date = None
    if ev.date is not None and published is not None and ev.date.day is not None:
        by_date = PLANNED if date(ev.date.year, ev.date.month, ev.date.day) > published else OCCURRED
    if PLANNED in said and OCCURRED in said:
        # told as coming ("will meet") and as done ("met"): the day decides, else what most say
        ev.status = by_date or (PLANNED if said.count(PLANNED) > said.count(OCCURRED) else OCCURRED)
    elif said:
        ev.status = said[0]
    else:
        ev.status = by_date or OCCURRED
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


def foreign_visits(events: list[Event], reader: ArgumentReader, geo: Geo) -> list[Event]:
    """Visits less those that stay at home: a leader travelling within their own country
    ("Biden arrives in San Francisco") makes no visit."""
    out = []
    for ev in events:
        if ev.type == "Visit" and ev.location is not None and ev.participants:
            here = geo.country_name(ev.location)
            p = ev.participants[0]
            home = reader.index.get(p).name if reader.type_of(p) == "Country" else reader.country_name_of(p)
            if here is not None and home == here:
                continue
        out.append(ev)
    return out


def implied_visits(events: list[Event], reader: ArgumentReader, geo: Geo) -> list[Event]:
    """Visits a meeting implies: a leader meeting the host in the host's country visited it.

    The visitor is a participant whose country (office, relation or gazetteer) differs from the
    country of the meeting place while another participant belongs to that country.
    """
    added: list[Event] = []
    for ev in list(events):
        if ev.type != "Meeting" or ev.location is None:
            continue
        here = geo.country_name(ev.location)
        if here is None:
            continue
        home = {p: reader.index.get(p).name if reader.type_of(p) == "Country" else reader.country_name_of(p)
                for p in ev.participants}
        if here not in home.values():
            continue
        for p, c in home.items():
            if c is None or c == here or reader.type_of(p) != "Person":
                continue
            known = [v for v in events + added if v.type == "Visit" and p in v.participants]
            if known:
                for v in known:
                    if v.location is None and _compatible_dates(v.date, ev.date):
                        v.location, v.date = ev.location, v.date or ev.date
                continue
            added.append(Event(key=f"implied-{len(added) + 1}", type="Visit", participants=[p],
                               location=ev.location, date=ev.date, status=ev.status,
                               part_of=ev.part_of, evidence=list(ev.evidence), triggers=list(ev.triggers)))
    return events + added


def extract_events(doc: Doc, ctx: Context) -> list[Event]:
    """The article's events (see the module docstring)."""
    geo = Geo(ctx.reader.index, ctx.reader.country_after)
    events = merge_mentions(read_mentions(doc, ctx), ctx.published, geo)
    drop_own_country(events, ctx.reader)
    events = [e for e in events if _substantial(e)]
    join_related(events, ctx.reader, geo)
    organisers_not_attending(events, ctx.reader)
    events = country_for_its_leader(events, ctx.reader)
    for ev in events:
        if ev.type == "Summit" and not ev.participants and ev.organizer and ctx.reader.is_international(ev.organizer):
            ev.participants.append(ev.organizer)   # attendees told only as a body ("ASEAN leaders")
    events = foreign_visits(implied_visits(events, ctx.reader, geo), ctx.reader, geo)
    # a visit goes somewhere: one that no clause, related meeting or summit places is talk of a visit
    events = [e for e in events if e.type != "Visit" or e.location is not None]
    for ev in events:
        if ev.type == "Partnership":
            ev.location = None     # an agreement has parties, not a place: the signing's is the meeting's
    events = split_listed(events, doc_text(doc), ctx.lang)
    for ev in events:
        if ev.type == "Summit" and ev.organizer and ev.name is None:
            year = f" {ev.date.year}" if ev.date else ""
            ev.name = f"{ctx.reader.index.get(ev.organizer).name} summit{year}"   # "G20 summit 2022"
    return _renumbered(events)


def _renumbered(events: list[Event]) -> list[Event]:
    """Events keyed v1, v2 … in order, part_of links following (keys stay unique in the article)."""
    new = {ev.key: f"v{i + 1}" for i, ev in enumerate(events)}
    for ev in events:
        ev.key = new[ev.key]
        ev.part_of = new.get(ev.part_of) if ev.part_of else None
    return events
