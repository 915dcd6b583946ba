"""The merged view of a node several articles report: the values the default graph gives it.

Each article's named graph keeps what that article says; the default graph (the merge) gives a node
that several articles report one view of it:
- an entity gets the best of its names, by a rule that does not depend on which article came first
  (`newskg.resolve.labels`);
- an event gets the more precise date (between two exact dates a day apart, the one from a report
  that says the event happened; else the earlier), *occurred* once any report says it happened,
  its most precise places (a city, not the country it lies in) and a label naming everyone any
  report names; a summit keeps the name it was first given.
`merge_event` takes one more report of an event in.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..facts import PartialDate
from .events import Places


@dataclass(frozen=True)
class EventValues:
    """What one report, or the merge of several, says of an event (entity IRIs resolved)."""
    type: str
    participants: frozenset = frozenset()
    locations: frozenset = frozenset()
    organizers: frozenset = frozenset()
    date: PartialDate | None = None
    occurred: bool = False
    name: str | None = None            # a summit's name ("SCO summit 2022"), else None
    qualifier: str | None = None


def merged_date(old: PartialDate | None, new: PartialDate | None, new_occurred: bool,
                old_occurred: bool) -> PartialDate | None:
    """The one date a merged event keeps: the more precise; between two exact dates a day apart, the
    one from a report that says the event happened; else the earlier.

    >>> D = PartialDate
    >>> merged_date(D(2022, 9), D(2022, 9, 15), True, False), merged_date(D(2022, 9, 14), D(2022, 9, 15), True, False)
    (PartialDate(year=2022, month=9, day=15), PartialDate(year=2022, month=9, day=15))
    >>> merged_date(D(2022, 9, 15), D(2022, 9, 14), True, True)
    PartialDate(year=2022, month=9, day=14)
    """
    if old is None or new is None:
        return old or new
    if old.contains(new):
        return new
    if new.contains(old):
        return old
    if new_occurred != old_occurred:
        return new if new_occurred else old
    return min(old, new, key=lambda d: (d.year, d.month or 0, d.day or 0))


def precise_places(places: frozenset, where: Places) -> frozenset:
    """The places without those that are only the country another of them lies in.

    >>> sorted(precise_places(frozenset({"samarkand", "uzbekistan", "bali"}), Places({"samarkand": "uzbekistan"})))
    ['bali', 'samarkand']
    """
    countries = {where.country_of.get(p) for p in places}
    return frozenset(p for p in places if p not in countries)


def merge_event(old: EventValues, new: EventValues, where: Places) -> EventValues:
    """The merge of an event's values so far (`old`) with one more report of it (`new`).

    >>> D = PartialDate
    >>> old = EventValues("Meeting", frozenset({"putin", "xi"}), frozenset({"uzbekistan"}), date=D(2022, 9, 14))
    >>> new = EventValues("Meeting", frozenset({"xi", "putin"}), frozenset({"samarkand"}), date=D(2022, 9, 15), occurred=True)
    >>> m = merge_event(old, new, Places({"samarkand": "uzbekistan"}))
    >>> sorted(m.locations), m.date.iso, m.occurred
    (['samarkand'], '2022-09-15', True)
    """
    return replace(old,
                   participants=old.participants | new.participants,
                   locations=precise_places(old.locations | new.locations, where),
                   organizers=old.organizers | new.organizers,
                   date=merged_date(old.date, new.date, new.occurred, old.occurred),
                   occurred=old.occurred or new.occurred,
                   name=old.name or new.name,
                   qualifier=new.qualifier or old.qualifier)


def merged_event_label(values: EventValues, names) -> str:
    """The label of a merged event, its participants (and place, organiser) named by `names`
    (IRI → label, a mapping with `.get`), in order of name."""
    from ..facts import Event
    from ..vocab.literals import event_label

    def name(iri):
        return names.get(iri) or str(iri).rsplit("/", 1)[-1]

    people = sorted(values.participants, key=lambda i: (name(i), str(i)))
    keys = {iri: f"p{i}" for i, iri in enumerate(people)}
    place = min(values.locations, default=None)
    organizer = min(values.organizers, default=None)
    for extra, key in ((place, "place"), (organizer, "organizer")):
        if extra is not None:
            keys.setdefault(extra, key)
    pseudo = Event("merged", values.type, [keys[i] for i in people], date=values.date,
                   location=keys.get(place), organizer=keys.get(organizer), name=values.name,
                   qualifier=values.qualifier)
    return event_label(pseudo, {key: name(iri) for iri, key in keys.items()})


def summit_name(label: str | None, date: PartialDate | None) -> str | None:
    """A summit's name read back from its label ("Summit: SCO summit 2022" → "SCO summit 2022"),
    the date the label may end with dropped.

    >>> summit_name("Summit: BRICS summit, 2023-08", PartialDate(2023, 8)), summit_name("", None)
    ('BRICS summit', None)
    """
    if not label:
        return None
    core = label.split(": ", 1)[-1]
    if date is not None and core.endswith(f", {date.iso}"):
        core = core[: -len(f", {date.iso}")]
    return core or None
