"""Facts: the seam between reading (nlp, extract) and RDF (graph).

Plain dataclasses only.  Extractors build them from a spaCy Doc; the graph layer turns them into
triples.  Neither side sees the other's library.  Every fact carries character offsets into
`Article.text`, so each triple can be traced to the sentence it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .article import Article

ENTITY_TYPES = ("Person", "Organization", "Country", "Place")
EVENT_TYPES = ("Meeting", "Summit", "Visit", "Partnership")
PLANNED, OCCURRED = "Planned", "Occurred"


@dataclass(frozen=True)
class Span:
    """A character range [start, end) of the article text and the text it covers."""
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        """The span of text[start:end] with surrounding whitespace trimmed off.

        >>> Span.of("  Putin bertemu Xi.  ", 0, 21)
        Span(start=2, end=19, text='Putin bertemu Xi.')
        """
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        return cls(start + lead, end - trail, piece.strip())


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the day, the month or only the year.

    >>> PartialDate(2022, 9, 14).iso, PartialDate(2022, 9).iso, PartialDate(2022).iso
    ('2022-09-14', '2022-09', '2022')
    >>> PartialDate(2022, 9).xsd_type
    'gYearMonth'
    """
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def xsd_type(self) -> str:
        """The XML Schema datatype local name: date, gYearMonth or gYear."""
        if self.month is None:
            return "gYear"
        return "gYearMonth" if self.day is None else "date"

    def contains(self, other: "PartialDate") -> bool:
        """True when `other` lies inside this (possibly partial) date."""
        return self.iso == other.iso[: len(self.iso)]


@dataclass
class Entity:
    """A person, organisation, country or place, with every mention of it in one article."""
    key: str                      # unique within the article ("e1", ...)
    type: str                     # one of ENTITY_TYPES
    name: str                     # canonical name
    mentions: list[Span] = field(default_factory=list)
    qid: str | None = None        # Wikidata QID when the gazetteer knows it
    kind: str | None = None       # finer kind from the gazetteer: city, region, intl_org, outlet, ...

    @property
    def aliases(self) -> list[str]:
        """Distinct surface forms, in order of first appearance."""
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.text, None)
        return list(seen)


@dataclass
class Event:
    """A meeting, summit, visit or partnership read from one article."""
    key: str
    type: str                               # one of EVENT_TYPES
    participants: list[str] = field(default_factory=list)   # entity keys
    location: str | None = None             # entity key
    date: PartialDate | None = None
    status: str = OCCURRED                  # PLANNED | OCCURRED
    part_of: str | None = None              # event key of a Summit
    organizer: str | None = None            # entity key (Summit)
    name: str | None = None                 # e.g. "SCO summit 2022"
    qualifier: str | None = None            # kind of partnership ("no limits")
    triggers: list[Span] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)      # sentences


@dataclass
class Position:
    """A role a person holds: "President" of Russia, "foreign policy aide" of Vladimir Putin."""
    key: str
    holder: str                   # entity key (Person)
    title: str                    # canonical English title
    of: str | None = None         # entity key: country, organisation or person
    surface: str = ""             # the title as written
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Quote:
    """An attributed quotation."""
    key: str
    text: str
    speaker: str | None           # entity key (Person or Organization)
    span: Span | None = None      # the quotation itself
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Facts:
    """Everything read from one article."""
    article: Article
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)   # entity keys of outlets the body cites

    def entity(self, key: str) -> Entity:
        for e in self.entities:
            if e.key == key:
                return e
        raise KeyError(key)
