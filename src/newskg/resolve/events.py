"""Whether an event read from a new article is one the graph already holds.

Two reports are of one event when they have the same type and
- compatible dates: one contains the other ("2022-09" ⊇ "2022-09-15"), or two exact dates at most one
  day apart (time zones, "Wednesday" planned vs. "Thursday" reported); an event without a date is
  placed at its article's publication date, which must lie within `DAYS_APART` days of the other's date;
- compatible places: the same node, or one is in the other's country (Samarkand / Uzbekistan), or either
  is unknown;
- the right participants for the type: a meeting shares at least two parties (or its only named party,
  on the same day and place); a visit shares its visitor; a partnership shares two parties and has a
  compatible qualifier ("no limits"); a summit has the same organiser and year (without an organiser:
  the same place and year); one organiser's summit dated within three days is one summit even where
  its places differ (a venue the gazetteer cannot place, and the city).
Among several compatible events the one sharing most is taken; a tie is left unresolved (a new node).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rdflib import URIRef

from ..facts import PartialDate
from ..nlp.gazetteer import fold

DAYS_APART = 14


@dataclass(frozen=True)
class EventReport:
    """What one article says about one event, with entity IRIs resolved."""
    type: str
    participants: frozenset = frozenset()
    location: URIRef | None = None
    organizer: URIRef | None = None
    date: PartialDate | None = None
    published: date | None = None
    qualifier: str | None = None


@dataclass
class Places:
    """Which country each place node lies in (place IRI → country IRI), for place compatibility."""
    country_of: dict = field(default_factory=dict)

    def compatible(self, a, b) -> bool:
        """True when a and b are the same place, one lies in the other, or either is unknown.

        >>> p = Places({"samarkand": "uzbekistan"})
        >>> p.compatible("samarkand", "uzbekistan"), p.compatible("samarkand", "bali"), p.compatible(None, "bali")
        (True, False, True)
        """
        if not a or not b or a == b:
            return True
        return self.country_of.get(a) == b or self.country_of.get(b) == a


def _days(d: PartialDate) -> date | None:
    if d.month and d.day:
        try:
            return date(d.year, d.month, d.day)
        except ValueError:
            return None
    return None


def _within(a: PartialDate | None, b: PartialDate | None, days: int) -> bool:
    """Two exact dates at most `days` apart."""
    da, db = (_days(a) if a else None), (_days(b) if b else None)
    return da is not None and db is not None and abs((da - db).days) <= days


def dates_compatible(a: PartialDate | None, b: PartialDate | None,
                     pub_a: date | None = None, pub_b: date | None = None) -> bool:
    """True when two reports' dates can be of one event (see the module docstring).

    >>> D = PartialDate
    >>> dates_compatible(D(2022, 9), D(2022, 9, 15)), dates_compatible(D(2022, 9, 14), D(2022, 9, 15))
    (True, True)
    >>> dates_compatible(D(2022, 9, 15), D(2023, 3, 21)), dates_compatible(D(2022, 9, 12), D(2022, 9, 15))
    (False, False)
    >>> dates_compatible(None, D(2022, 9, 15), pub_a=date(2022, 9, 16)), dates_compatible(None, None, date(2022, 1, 1), date(2023, 1, 1))
    (True, False)
    """
    if a and b:
        if a.contains(b) or b.contains(a):
            return True
        da, db = _days(a), _days(b)
        return bool(da and db and abs((da - db).days) <= 1)
    ref_a = _days(a) if a else pub_a
    ref_b = _days(b) if b else pub_b
    if a and not ref_a and pub_b:      # a partial date against a publication date
        return a.contains(PartialDate(pub_b.year, pub_b.month, pub_b.day)) or \
            abs(pub_b.year - a.year) <= 0 and (a.month is None or abs(pub_b.month - a.month) <= 1)
    if b and not ref_b and pub_a:
        return b.contains(PartialDate(pub_a.year, pub_a.month, pub_a.day)) or \
            abs(pub_a.year - b.year) <= 0 and (b.month is None or abs(pub_a.month - b.month) <= 1)
    if ref_a and ref_b:
        return abs((ref_a - ref_b).days) <= DAYS_APART
    return False


def year_of(d: PartialDate | None, published: date | None) -> int | None:
    """The event's year: from its date, else from its article's publication date."""
    return d.year if d else (published.year if published else None)


def qualifiers_compatible(a: str | None, b: str | None) -> bool:
    """True when either partnership qualifier is missing or both say the same."""
    return not a or not b or fold(a) == fold(b)


def match_score(new: EventReport, old: EventReport, places: Places) -> int | None:
    """How much two reports share when they can be of one event; None when they cannot.

    >>> D = PartialDate
    >>> a = EventReport("Meeting", frozenset({"putin", "xi"}), "samarkand", date=D(2022, 9, 15))
    >>> b = EventReport("Meeting", frozenset({"putin", "xi"}), "uzbekistan", date=D(2022, 9, 14))
    >>> c = EventReport("Meeting", frozenset({"putin", "xi"}), "moscow", date=D(2023, 3, 21))
    >>> p = Places({"samarkand": "uzbekistan"})
    >>> match_score(a, b, p) is not None, match_score(a, c, p)
    (True, None)
    >>> s1 = EventReport("Summit", organizer="sco", date=D(2022, 9, 15))
    >>> s2 = EventReport("Summit", organizer="sco", date=None, published=date(2022, 9, 12), location="samarkand")
    >>> match_score(s1, s2, p) is not None, match_score(s1, EventReport("Summit", organizer="g20", date=D(2022, 9)), p)
    (True, None)
    """
    if new.type != old.type:
        return None
    same_place = places.compatible(new.location, old.location)
    if not same_place and new.type != "Summit":
        return None
    shared = new.participants & old.participants
    score = 2 * len(shared)
    if new.location and new.location == old.location:
        score += 1
    if new.date and old.date and new.date == old.date:
        score += 1
    if new.type == "Summit":
        # attendees named collectively are the organisation: it may stand as a participant
        org_new = new.organizer or (old.organizer if old.organizer in new.participants else None)
        org_old = old.organizer or (new.organizer if new.organizer in old.participants else None)
        if org_new and org_old:
            if org_new != org_old:
                return None
            score += 4
        elif not (new.location and new.location == old.location):
            return None
        y_new, y_old = year_of(new.date, new.published), year_of(old.date, old.published)
        if y_new is None or y_new != y_old:
            return None
        if not same_place and not (org_new and org_old and _within(new.date, old.date, 3)):
            return None     # places that differ only as a venue and its city ("Hotel Meruorah" /
            #                 "Labuan Bajo") when one organiser's summit is dated within three days
        if new.date and old.date:
            if new.date.month and old.date.month and abs(new.date.month - old.date.month) > 1:
                return None     # one organiser's two summits of a year (ASEAN: May and September)
        elif not dates_compatible(new.date, old.date, new.published, old.published):
            return None
        return score
    if not dates_compatible(new.date, old.date, new.published, old.published):
        return None
    if new.type == "Meeting":
        if len(shared) >= 2:
            return score
        if len(shared) == 1 and min(len(new.participants), len(old.participants)) == 1 \
                and new.date and old.date and new.date == old.date and new.location \
                and new.location == old.location:
            return score
        return None
    if new.type == "Visit":
        if shared and new.location and old.location:
            return score
        return None
    if new.type == "Partnership":
        if len(shared) >= 2 and qualifiers_compatible(new.qualifier, old.qualifier):
            return score + (1 if new.qualifier and old.qualifier else 0)
        return None
    return None


def standing_partnership(new: EventReport, old: EventReport) -> bool:
    """True for two reports of one named standing partnership of the same parties, whatever their
    dates ("the no-limits partnership" declared in February and recalled in September).

    >>> standing_partnership(EventReport("Partnership", frozenset({"cn", "ru"}), qualifier="no limits"),
    ...                      EventReport("Partnership", frozenset({"cn", "ru"}), qualifier="No Limits"))
    True
    """
    return (new.type == old.type == "Partnership" and bool(new.qualifier) and bool(old.qualifier)
            and fold(new.qualifier) == fold(old.qualifier) and len(new.participants) >= 2
            and new.participants == old.participants)


def best_match(new: EventReport, candidates: list[tuple[object, EventReport]],
               places: Places):
    """The key of the one candidate that best matches `new`, or None (no candidate, or a tie)."""
    scored = []
    for key, old in candidates:
        s = match_score(new, old, places)
        if s is None and standing_partnership(new, old):
            s = 2 * len(new.participants) + 1
        if s is not None:
            scored.append((s, key))
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0])
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]

