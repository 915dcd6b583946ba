"""The Article record: what every reader in `newskg.ingest` produces and every later stage reads.

An Article keeps the text exactly as read (so character offsets in the graph point into it) and a
list of *metadata segments*: character ranges that are not reportage (date line, credits, "Baca juga:"
link lines, the dateline publisher, tag lines).  `Article.body` is the text with those ranges blanked
out by spaces, so offsets stay valid while nothing in metadata can ever become a fact.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Segment:
    """A character range [start, end) of `Article.text` that is metadata, with its kind.

    kind is one of: "title", "dateline" (publisher/city prefix of the first paragraph), "date",
    "credit" (photo credit), "byline", "editor", "link" (related-story line), "tag", "boilerplate".
    "title" is the only kind that stays in `Article.body` (titles name entities and events).
    """
    start: int
    end: int
    kind: str
    value: str = ""


@dataclass
class Article:
    """One news article as read from a file or corpus record."""

    text: str
    source: str = "<text>"              # file path, "path:line" for .jsonl, or "<text>"
    id: str | None = None               # the record's own id (dcterms:identifier)
    url: str | None = None
    title: str | None = None
    published: date | datetime | None = None
    publisher: str | None = None
    lang: str | None = None             # "id" | "en"; None until detected
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    related_links: list[str] = field(default_factory=list)
    dateline_place: str | None = None   # "SAN FRANCISCO" in "SAN FRANCISCO - ..."
    segments: list[Segment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)   # about reading it, without the source: "… read as cp1252"

    KEEP_IN_BODY = frozenset({"title"})

    @property
    def body(self) -> str:
        """The text with every non-title metadata segment replaced by spaces (same length)."""
        chars = list(self.text)
        for seg in self.segments:
            if seg.kind in self.KEEP_IN_BODY:
                continue
            for i in range(seg.start, min(seg.end, len(chars))):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)

    @property
    def published_date(self) -> date | None:
        """The publication date (without time), or None."""
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: identifies an article that carries no id or URL."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def key(self) -> str:
        """A stable identity for the article: its id, else its URL, else its text hash."""
        return self.id or self.url or self.content_hash
