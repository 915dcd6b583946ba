"""Publication dates: reading a page's date line ("Senin, 12 September 2022 | 10:10") and ISO values."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from .. import resources
from ..errors import InputError
from .patterns import vocabulary

_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)")
_TIME = re.compile(r"(?<!\d)([01]?\d|2[0-3])[:.]([0-5]\d)(?!\d)")
_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b")
_PARTS = re.compile(r"\s*\|\s*|\s+[-–—]\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’.][^\W\d_]+)*")
_DATEPARSER_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


@dataclass
class DateLine:
    """A line that states when the article was published, with what else the line carries."""
    value: date | datetime
    publisher: str | None = None                     # "Kompas.tv" in "Kompas.tv - 29 Oktober 2020"
    labelled: list[tuple[str, str]] = field(default_factory=list)   # (label text, value) parts


def parse_date_line(line: str) -> DateLine | None:
    """The date a date line states, or None when the line is anything but a date line.

    A date line holds only date words (months, weekdays, times, zones, "PUBLISHED", "pukul"),
    a full day-month-year date, and optionally a publisher name or a "LAPORAN: name" part.

    >>> parse_date_line("Senin, 12 September 2022 | 10:10").value
    datetime.datetime(2022, 9, 12, 10, 10)
    >>> parse_date_line("PUBLISHED : 15 Nov 2023 at 07:45").value
    datetime.datetime(2023, 11, 15, 7, 45)
    >>> parse_date_line("Tue, August 8, 2017").value
    datetime.date(2017, 8, 8)
    >>> parse_date_line("Kamis, 23 Oktober 2015 10:43 WIB").value.isoformat()
    '2015-10-23T10:43:00+07:00'
    >>> parse_date_line("Pertemuan digelar pada 12 September 2022") is None
    True
    """
    if len(line) > 90 or not _YEAR.search(line):
        return None
    voc = vocabulary()
    result = DateLine(value=date.min)
    date_parts: list[str] = []
    for part in _PARTS.split(line.strip()):
        part = part.strip()
        if not part:
            continue
        if voc.domain.fullmatch(part):
            result.publisher = result.publisher or part
            continue
        label = _labelled_part(part)
        if label:
            result.labelled.append(label)
            continue
        date_parts.append(part)
    text = " ".join(date_parts)
    if not _YEAR.search(text):
        return None
    words = voc.date_words
    if any(w.lower().rstrip(".") not in words for w in _WORD.findall(_OFFSET.sub(" ", text))):
        return None
    value = _parse(text)
    if value is None:
        return None
    result.value = value
    return result


def _labelled_part(part: str) -> tuple[str, str] | None:
    """("LAPORAN", "RENI ERINA") for a "label: value" part whose label is a byline/editor label."""
    for label in vocabulary().labels:
        if label.kind in ("byline", "editor"):
            m = label.regex.match(part)
            if m and m.group("value"):
                return label.text, m.group("value")
    return None


def _zone(text: str) -> timezone | None:
    m = _OFFSET.search(text)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0)))
    for word in _WORD.findall(text):
        zone = vocabulary().zones.get(word.upper())
        if zone is not None:
            return zone
    return None


def _parse(text: str) -> date | datetime | None:
    """The date (or date-time when a time is given) of the date words in `text`."""
    import dateparser  # slow to import; only needed once a line passed the word check

    voc = vocabulary()
    drop = voc.weekdays | voc.fillers | {z.lower() for z in voc.zones}
    kept = _WORD.sub(lambda m: " " if m.group(0).lower().rstrip(".") in drop else m.group(0),
                     _OFFSET.sub(" ", text))
    kept = re.sub(r"\s*[:|]\s*(?=\D|$)", " ", kept)      # "PUBLISHED :" leftovers, not 10:10
    kept = re.sub(r"^[\s,.;-]+|[\s,;-]+$", "", re.sub(r"\s+", " ", kept))
    parsed = dateparser.parse(kept, languages=resources.languages(), settings=_DATEPARSER_SETTINGS)
    if parsed is None:
        return None
    if not _TIME.search(text):
        return parsed.date()
    zone = _zone(text)
    return parsed.replace(tzinfo=zone) if zone else parsed


def parse_published(value: object, source: str, line: int | None = None) -> date | datetime | None:
    """A publication date given by a caller or a record: a date, a datetime or an ISO string.

    >>> parse_published("2022-11-15", "x")
    datetime.date(2022, 11, 15)
    >>> parse_published("2022-11-15T10:05:00+07:00", "x").hour
    10
    >>> parse_published("15/11/2022", "corpus.jsonl", 3)
    Traceback (most recent call last):
    newskg.errors.InputError: corpus.jsonl:3: 'published' is not an ISO date or date-time: '15/11/2022'
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return date.fromisoformat(text)
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    raise InputError(source, f"'published' is not an ISO date or date-time: {value!r}", line=line)
