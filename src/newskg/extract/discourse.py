"""Arguments across sentences: what an event takes from the event it belongs to.

An event's own clause gives its place and date first (`events.read_mentions`); what the clause
leaves empty comes from the event it is part of, as an analyst reads an article:
- a meeting held during a participant's visit ("Jokowi flew to Beijing …", later "Jokowi will also
  meet Li Qiang") took place at the visit's destination, in its days;
- a meeting during a summit ("on the sidelines of the SCO summit", or told further on while the
  summit is the article's frame, within its days) is part of that summit and took place at its
  venue; the summit's attendees include everyone who met on its sidelines;
- a leader's own country beside the leader in one meeting or summit is the same party told twice.
Nothing is guessed: an event that no related event explains keeps its empty place or date.
"""
from __future__ import annotations

from datetime import date

from ..facts import Event, PartialDate
from .arguments import ArgumentReader

SUMMIT_DAYS = 3      # a sideline meeting lies within this many days of its summit's date
SIGNING_SENTENCES = 3   # an agreement told this close after a visit was signed during it
CONTINUED_SENTENCES = 2   # an undated meeting this close after a sideline meeting continues its frame


def _first(ev: Event) -> int:
    """Where the article first tells the event (its first evidence sentence)."""
    return min((s.start for s in ev.evidence), default=0)


def _day(d: PartialDate) -> date | None:
    return date(d.year, d.month, d.day) if d.day is not None and d.month is not None else None


def _within(inner: PartialDate | None, outer: PartialDate | None, days: int) -> bool:
    """Both dates known and `inner` inside `outer` (a month, a year) or within `days` of it."""
    if inner is None or outer is None:
        return False
    if outer.contains(inner) or inner.contains(outer):
        return True
    a, b = _day(inner), _day(outer)
    return a is not None and b is not None and abs((a - b).days) <= days


def _compatible(a: PartialDate | None, b: PartialDate | None) -> bool:
    return a is None or b is None or a.contains(b) or b.contains(a)


def drop_own_country(events: list[Event], reader: ArgumentReader) -> None:
    """A country told beside its own leader in a meeting or summit ("our meeting with China", said
    by Xi) is that leader's side, not another party: the leader stays, the country goes."""
    for ev in events:
        if ev.type not in {"Meeting", "Summit"}:
            continue
        ev.participants = reader.without_countries_of_named(ev.participants)


def country_for_its_leader(events: list[Event], reader: ArgumentReader) -> list[Event]:
    """A meeting of a person with a country ("our meeting with China", said by Jokowi) that another
    meeting of the article tells as that person with the country's leader (Jokowi and Xi) is that
    meeting: the country stood for its leader. It joins it (evidence kept) instead of standing alone."""
    out: list[Event] = []
    for ev in events:
        other = None
        if ev.type == "Meeting" and len(ev.participants) == 2:
            kinds = {reader.type_of(p): p for p in ev.participants}
            person, country = kinds.get("Person"), kinds.get("Country")
            if person and country:
                other = next((e for e in events if e is not ev and e.type == "Meeting" and person in e.participants
                              and any(reader.country_of(q) == country for q in e.participants if q != person)
                              and _compatible(e.date, ev.date)), None)
        if other is None:
            out.append(ev)
            continue
        other.evidence.extend(s for s in ev.evidence if s not in other.evidence)
        other.date = other.date or ev.date
    return out


def organisers_not_attending(events: list[Event], reader: ArgumentReader) -> None:
    """A summit's organiser is no attendee beside the people the text names, unless the text
    names its members as a body ("ASEAN leaders"): then the organisation attends, standing for
    them (CONVENTIONS §4)."""
    for ev in events:
        if ev.type != "Summit" or ev.organizer is None or not any(p != ev.organizer for p in ev.participants):
            continue
        body = reader.named_collectively(ev.organizer)
        if body and ev.organizer not in ev.participants:
            ev.participants.append(ev.organizer)
        elif not body and ev.organizer in ev.participants:
            ev.participants.remove(ev.organizer)


def join_related(events: list[Event], reader: ArgumentReader, geo) -> None:
    """Give meetings the place and date of the visit or summit they belong to (module docstring),
    and give summits the participants of their sideline meetings."""
    summits = [e for e in events if e.type == "Summit"]
    visits = [e for e in events if e.type == "Visit" and e.location is not None]
    for ev in events:
        if ev.type == "Partnership" and ev.date is None:
            visit = _visit_of(ev, visits, reader)
            if visit is not None and _sentences_apart(visit, ev, reader) <= SIGNING_SENTENCES:
                ev.date = visit.date
        if ev.type != "Meeting":
            continue
        if ev.part_of is None and ev.date is None and ev.location is None:
            # "He also met with …" right after a sideline meeting of his: the same frame
            before = _previous_related(ev, events, reader)
            if before is not None:
                ev.part_of, ev.date, ev.location = before.part_of, before.date, before.location
        if ev.part_of is None:
            ev.part_of = _summit_of(ev, summits, geo)
        summit = next((s for s in summits if s.key == ev.part_of), None)
        if summit is not None:
            ok, loc = geo.combine(ev.location, summit.location)
            if ok:
                ev.location = loc
            ev.date = ev.date or summit.date
            continue
        visit = _visit_of(ev, [v for v in visits if _hosted_by(ev, v, reader, geo)], reader)
        if visit is not None:
            ok, loc = geo.combine(ev.location, visit.location)
            if ok:
                ev.location = loc
            ev.date = ev.date or visit.date
    for s in summits:
        for ev in events:
            if ev.part_of == s.key:
                for p in ev.participants:
                    if p not in s.participants and p != s.organizer:
                        s.participants.append(p)


def _previous_related(ev: Event, events: list[Event], reader: ArgumentReader) -> Event | None:
    """The sideline meeting told last before `ev`, at most `CONTINUED_SENTENCES` sentences
    earlier, sharing a party with it: the frame an undated, unplaced meeting continues."""
    start = _first(ev)
    near = [e for e in events if e is not ev and e.type == "Meeting" and e.part_of is not None
            and set(e.participants) & set(ev.participants) and _first(e) < start
            and 0 <= _sentences_apart(e, ev, reader) <= CONTINUED_SENTENCES]
    return max(near, key=lambda e: max(s.start for s in e.evidence if s.start < start)) if near else None


def _summit_of(ev: Event, summits: list[Event], geo) -> str | None:
    """The summit a meeting told in another sentence took place at: one whose days hold the
    meeting's date, at a place the meeting's own place lies in (or none), told before it."""
    fits = [s for s in summits
            if _first(s) <= _first(ev) and _within(ev.date, s.date, SUMMIT_DAYS)
            and (ev.location is None or geo.combine(ev.location, s.location)[0])]
    return fits[-1].key if len(fits) == 1 else None


def _hosted_by(meeting: Event, visit: Event, reader: ArgumentReader, geo) -> bool:
    """False when the meeting's other parties all belong to countries other than the one visited
    (Xi meeting South Africa's Zuma is no part of his visit to Tanzania)."""
    others = [p for p in meeting.participants if p not in visit.participants]
    homes = {reader.index.get(p).name if reader.type_of(p) == "Country" else reader.country_name_of(p)
             for p in others}
    here = geo.country_name(visit.location)
    return here is None or None in homes or not homes or here in homes


def _sentences_apart(before: Event, after: Event, reader: ArgumentReader) -> int:
    """Sentences from the last mention of `before` told up to `after`'s first to that first."""
    start = _first(after)
    last = max((s.start for s in before.evidence if s.start <= start), default=start)
    return reader.sentence_number(start) - reader.sentence_number(last)


def _visit_of(ev: Event, visits: list[Event], reader: ArgumentReader) -> Event | None:
    """The latest visit told before the event (or in the same sentence) by one of its parties, or
    by the leader of a party country, whose date does not contradict the event's."""
    start = _first(ev)
    parties = set(ev.participants)
    own = [v for v in visits if _first(v) <= start and _compatible(v.date, ev.date)
           and any(p in parties or reader.country_of(p) in parties for p in v.participants)]
    return max(own, key=_first) if own else None
