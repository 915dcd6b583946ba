"""Finding the metadata lines of a news text: title, date line, dateline, bylines, credits, links.

A text copied off a news page carries, around the reportage, the page's furniture: section labels,
the title, a date line, the dateline prefix of the first paragraph ("JAKARTA, KOMPAS.com -"),
bylines, editor and photo-credit lines, "Baca juga:" / "Read more:" link lines, tag lines, share
buttons.  `find_metadata` marks each as a `Segment` (character range + kind) and reads the values.

It is conservative: a line is metadata only when a label, a data-file pattern or a strict shape
says so, and label values are checked (a name looks like a name), so body sentences stay body.
The vocabulary lives in the data files (see `patterns`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..article import Segment
from .dates import DateLine, parse_date_line
from .patterns import Label, gazetteer_kinds, normalise_line, vocabulary

#: a title has at least this many words (shorter lines at the top are section labels)
TITLE_MIN_WORDS = 3
#: and at most this many words / characters
TITLE_MAX_WORDS = 22
TITLE_MAX_CHARS = 200
#: lines examined for the title and section labels before giving up
HEADER_LINES = 12
#: paragraphs (after the title, of at least so many words) searched for a dateline prefix
DATELINE_PARAGRAPHS = 3
DATELINE_MIN_WORDS = 5
#: a date line further down than this many lines is not the publication date
DATE_LINES = 15
#: lines a "Baca juga:" / "RELATED" label alone on its line may claim below it
LINK_BLOCK_LINES = 8
TAG_BLOCK_LINES = 10
#: a related-story title has at least this many words (shorter lines in a link block are labels)
LINK_MIN_WORDS = 3

_TOKEN = re.compile(r"[^\W_][\w'’.&-]*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_BULLET = re.compile(r"^[-–•·*]\s+")
_SPLIT_TAGS = re.compile(r"\s*(?:[,;|#]|\s{2,})\s*")


@dataclass
class Metadata:
    """What `find_metadata` read from a text: the segments and the values found in them."""
    segments: list[Segment] = field(default_factory=list)
    title: str | None = None
    published: date | datetime | None = None
    publisher: str | None = None
    dateline_place: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    related_links: list[str] = field(default_factory=list)

    def add(self, field_name: str, value: str) -> None:
        """Append a value to a list field, once."""
        value = _clean_value(value)
        values = getattr(self, field_name)
        if value and value not in values:
            values.append(value)


@dataclass
class _Line:
    index: int          # position among the non-empty lines
    start: int          # offsets of the trimmed content in the text
    end: int
    text: str
    blank_before: bool  # an empty line separates it from the previous non-empty line


@dataclass
class _Mark:
    kind: str
    value: str = ""
    fields: tuple[str, ...] = ()
    pending: Label | None = None   # a label alone on its line, waiting for its value below
    date_line: DateLine | None = None


def find_metadata(text: str) -> Metadata:
    """The metadata segments of a news text and the values read from them.

    >>> md = find_metadata("Jokowi Bertemu Xi Jinping di Beijing\\n"
    ...                    "Selasa, 26 Juli 2022 | 18:05 WIB\\n"
    ...                    "JAKARTA, KOMPAS.com - Presiden Joko Widodo bertemu Xi Jinping di Beijing.\\n"
    ...                    "Baca juga: Jokowi Tiba di Beijing\\n"
    ...                    "Editor: Ani Rahma\\n")
    >>> md.title, md.published.isoformat(), md.publisher, md.dateline_place
    ('Jokowi Bertemu Xi Jinping di Beijing', '2022-07-26T18:05:00+07:00', 'KOMPAS.com', 'JAKARTA')
    >>> md.related_links, md.editors
    (['Jokowi Tiba di Beijing'], ['Ani Rahma'])
    >>> [s.kind for s in md.segments]
    ['title', 'date', 'dateline', 'link', 'editor']
    """
    return _Finder(text).run()


class _Finder:
    """One pass over one text; the steps run in `run`'s order, each seeing the marks before it."""

    def __init__(self, text: str):
        self.text = text
        self.voc = vocabulary()
        self.lines = _split_lines(text)
        self.marks: dict[int, _Mark] = {}
        self.partial: list[Segment] = []     # segments covering part of a line
        self.md = Metadata()
        self.title_index: int | None = None
        self.line_publisher: str | None = None
        self.values: list[tuple[int, str, str]] = []   # (offset, Article list field, value)

    def run(self) -> Metadata:
        for ln in self.lines:
            mark = self._classify(ln.text)
            if mark:
                self.marks[ln.index] = mark
        self._fill_pending_labels()
        self._opening_dateline()
        self._title()
        self._published()
        self._dateline()
        self._tails()
        self._last_line()
        return self._finish()

    # -- helpers --------------------------------------------------------------------------------
    def _free(self, i: int) -> bool:
        """Whether line i exists and is not metadata yet."""
        return 0 <= i < len(self.lines) and i not in self.marks

    def _mark(self, i: int, kind: str, value: str = "", fields: tuple[str, ...] = ()) -> None:
        self.marks[i] = _Mark(kind, value, fields)

    # -- step 1: lines that are metadata by themselves ------------------------------------------
    def _classify(self, text: str) -> _Mark | None:
        """The mark of a line that is metadata by itself (date, label, furniture, shape), or None."""
        dl = parse_date_line(text)
        if dl is not None:
            return _Mark("date", dl.value.isoformat(), date_line=dl)
        label_mark = self._label(text)
        if label_mark:
            return label_mark
        norm = normalise_line(text)
        if norm in self.voc.lines:
            kind, fields = self.voc.lines[norm]
            return _Mark(kind, "", fields)
        low = text.lower()
        for prefix, kind in self.voc.prefixes:
            if low.startswith(prefix):
                return _Mark(kind)
        for candidate in dict.fromkeys([text, _BULLET.sub("", text)]):
            for pat in self.voc.shape("line"):
                m = pat.regex.fullmatch(candidate)
                if m:
                    groups = m.groupdict()
                    if groups.get("publisher"):
                        self.line_publisher = self.line_publisher or groups["publisher"]
                        return _Mark(pat.kind, groups["publisher"])
                    value = groups.get("value") or ""
                    fields = ("credits",) if pat.kind == "credit" and value else ()
                    return _Mark(pat.kind, value, fields)
        return None

    def _label(self, text: str) -> _Mark | None:
        """The mark of a line opening with a label and a valid value (or none yet), else None."""
        inner = re.fullmatch(r"\((.+)\)", text)        # "(Reporting by A; Editing by B)"
        for candidate in [text] + ([inner.group(1)] if inner else []):
            label, value = _match_label(candidate)
            if label is None:
                continue
            if not value:
                return _Mark(label.kind, "", label.fields, pending=label)
            if _valid_value(label.kind, value):
                return _Mark(label.kind, value, label.fields)
            return None  # a label followed by a sentence: body text ("Sumber: Kementerian mengatakan ...")
        return None

    # -- step 2: labels alone on their line take the lines below as their value -----------------
    def _fill_pending_labels(self) -> None:
        for i in sorted(self.marks):
            label = self.marks[i].pending
            if label is None:
                continue
            if label.kind in ("link", "tag"):
                limit = LINK_BLOCK_LINES if label.kind == "link" else TAG_BLOCK_LINES
                j = i + 1
                while j < len(self.lines) and j - i <= limit and self._free(j):
                    ln = self.lines[j]
                    if (j > i + 1 and ln.blank_before) or not _block_item(label.kind, ln.text):
                        break
                    words = _words(ln.text)
                    value = ln.text if label.kind == "tag" or len(words) >= LINK_MIN_WORDS else ""
                    self._mark(j, label.kind, value, label.fields if value else ())
                    j += 1
            elif self._free(i + 1):
                value = _BULLET.sub("", self.lines[i + 1].text)
                if _valid_value(label.kind, value) and not _is_prose(value):
                    self._mark(i + 1, label.kind, value, label.fields)

    # -- step 3: "Jakarta." alone above the first paragraph --------------------------------------
    def _opening_dateline(self) -> None:
        if len(self.lines) < 2 or not self._free(0) or not _is_prose(self.lines[1].text):
            return
        for pat in self.voc.shape("opening"):
            m = pat.regex.fullmatch(self.lines[0].text)
            if m and m.groupdict().get("place"):
                self._mark(0, "dateline", m.group("place"))
                self.md.dateline_place = m.group("place")
                return

    # -- step 4: the title, after any section labels ---------------------------------------------
    def _title(self) -> None:
        for i, ln in enumerate(self.lines[:HEADER_LINES]):
            if i in self.marks:
                continue
            if not _heading_like(ln.text):
                return
            if len(_words(ln.text)) < TITLE_MIN_WORDS:
                self._mark(i, "boilerplate", ln.text)        # a section label: "World", "SE Asia"
                continue
            self._mark(i, "title", ln.text)
            self.title_index = i
            self.md.title = ln.text
            return

    # -- step 5: the publication date and the byline cluster above it ---------------------------
    def _published(self) -> None:
        for i in sorted(self.marks):
            if i >= DATE_LINES:
                return
            mark = self.marks[i]
            if mark.kind != "date":
                continue
            dl = mark.date_line
            self.md.published = dl.value
            self.line_publisher = self.line_publisher or dl.publisher
            for label_text, value in dl.labelled:
                label = next(lab for lab in self.voc.labels if lab.text == label_text)
                for name in label.fields:
                    self.values.append((self.lines[i].start, name, value))
            self._cluster_above(i)
            return

    def _cluster_above(self, date_index: int) -> None:
        """Short lines right above the date line: byline, (agency) and place, as many pages print."""
        above: list[int] = []
        j = date_index - 1
        while j >= 0 and len(above) < 4 and not self.lines[j + 1].blank_before:
            mark = self.marks.get(j)
            if mark is not None:
                if mark.kind not in ("credit", "byline"):
                    break
            elif not (len(_words(self.lines[j].text)) <= 4 and _name_like(self.lines[j].text)):
                break
            above.append(j)
            j -= 1
        free = [k for k in above if k not in self.marks]
        if not free:
            return
        nearest = free[0]
        place_known = gazetteer_kinds().get(self.lines[nearest].text.lower()) == "place"
        if nearest == date_index - 1 and (place_known or len(above) > 1):
            self._mark(nearest, "dateline", self.lines[nearest].text)
            self.md.dateline_place = self.md.dateline_place or self.lines[nearest].text
            free = free[1:]
        for k in free:
            self._mark(k, "byline", self.lines[k].text, ("authors",))

    # -- step 6: the dateline prefix of the first paragraph --------------------------------------
    def _dateline(self) -> None:
        start = 0 if self.title_index is None else self.title_index + 1
        paragraphs = [i for i in range(start, len(self.lines)) if self._free(i)
                      and len(_words(self.lines[i].text)) >= DATELINE_MIN_WORDS][:DATELINE_PARAGRAPHS]
        for rank, i in enumerate(paragraphs):
            ln = self.lines[i]
            wheres = ["dateline"] + (["dateline_first"] if rank == 0 else [])
            if i > 0 and self.marks.get(i - 1, _Mark("")).kind == "dateline" and self.line_publisher:
                wheres.insert(0, "after_publisher")
            for where in wheres:
                for pat in self.voc.shape(where):
                    m = pat.regex.match(ln.text)
                    if m and m.end() < len(ln.text):
                        self._take_dateline(ln, m)
                        return

    def _take_dateline(self, ln: _Line, m: re.Match) -> None:
        groups = {k: (v or "").strip() for k, v in m.groupdict().items()}
        publisher = groups.get("publisher") or None
        places = [groups["place"]] if groups.get("place") else []
        parts = [groups[k] for k in ("part1", "part2", "part3") if groups.get(k)]
        if parts:
            rest = self.text[:ln.start] + " " + self.text[ln.start + m.end():]
            publisher, places = _publisher_and_places(parts, rest)
        if groups.get("author"):
            self.values.append((ln.start, "authors", groups["author"]))
        value = " | ".join(x for x in [publisher or "", ", ".join(places)] if x)
        self.partial.append(Segment(ln.start, ln.start + m.end(), "dateline", value))
        if publisher:
            self.md.publisher = publisher
        if places:
            self.md.dateline_place = ", ".join(places)

    # -- step 7: credits and initials at the end of body lines ----------------------------------
    def _tails(self) -> None:
        for ln in self.lines:
            if ln.index in self.marks:
                continue
            for pat in self.voc.shape("tail"):
                m = pat.regex.search(ln.text)
                if not m:
                    continue
                cut = "cut" if "cut" in pat.regex.groupindex else 0
                s, e = m.span(cut)
                if s == 0:
                    break            # the whole line: not a tail
                value = (m.groupdict().get("value") or "").strip()
                self.partial.append(Segment(ln.start + s, ln.start + e, pat.kind, value))
                if pat.kind == "credit" and value:
                    self.values.append((ln.start + s, "credits", value))
                break

    # -- step 8: an author's name in capitals closing the text -----------------------------------
    def _last_line(self) -> None:
        free = [ln for ln in self.lines if ln.index not in self.marks]
        if len(free) < 3:        # a text of a line or two has no closing byline
            return
        ln = free[-1]
        for pat in self.voc.shape("last_line"):
            m = pat.regex.fullmatch(ln.text)
            if m:
                self._mark(ln.index, pat.kind, m.groupdict().get("author") or ln.text, ("authors",))
                return

    # -- assembling -----------------------------------------------------------------------------
    def _add_names(self, field_name: str, value: str) -> None:
        """Add the names (tags, titles) in a value to a list field; "; Editing by B" goes to editors."""
        if field_name == "related_links":
            self.md.add(field_name, value)
            return
        if field_name == "tags":
            for part in _SPLIT_TAGS.split(value):
                self.md.add(field_name, part)
            return
        for piece in re.split(r"\s*[;|]\s*", value):
            label, inner = _match_label(piece)          # "A; Editing by B": B is an editor
            if label is not None and inner and label.kind in ("byline", "editor", "credit"):
                for other in label.fields:
                    for name in _split_names(inner):
                        self.md.add(other, name)
                continue
            for name in _split_names(piece):
                self.md.add(field_name, name)

    def _finish(self) -> Metadata:
        """The Metadata: every mark and partial segment in text order, the values read from them."""
        segments = list(self.partial)
        for i, mark in sorted(self.marks.items()):
            ln = self.lines[i]
            segments.append(Segment(ln.start, ln.end, mark.kind, mark.value))
            if mark.value:
                self.values.extend((ln.start, name, mark.value) for name in mark.fields)
        # the dateline prefix names the publisher first, a publisher line or date line second
        self.md.publisher = self.md.publisher or self.line_publisher
        for _, name, value in sorted(self.values, key=lambda v: v[0]):
            self._add_names(name, value)
        self.md.segments = sorted(segments, key=lambda s: (s.start, s.end))
        return self.md


# -- line shapes ---------------------------------------------------------------------------------
def _split_lines(text: str) -> list[_Line]:
    """The non-empty lines of `text` with the offsets of their trimmed content."""
    lines: list[_Line] = []
    pos, blank = 0, False
    for raw in text.split("\n"):
        content = raw.strip()
        if content:
            start = pos + (len(raw) - len(raw.lstrip()))
            lines.append(_Line(len(lines), start, start + len(content), content, blank and bool(lines)))
            blank = False
        else:
            blank = True
        pos += len(raw) + 1
    return lines


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _is_prose(text: str) -> bool:
    """A body paragraph: a sentence of some length."""
    n = len(_words(text))
    return n >= 25 or (n >= 8 and bool(_SENTENCE_END.search(text)))


def _heading_like(text: str) -> bool:
    """A headline: short, and not ending like a sentence or a label."""
    n = len(_words(text))
    if not 1 <= n <= TITLE_MAX_WORDS or len(text) > TITLE_MAX_CHARS:
        return False
    return not re.search(r"[,;:]$|(?<!\.)\.$", text)


def _name_like(text: str) -> bool:
    """A person's or outlet's name: a few words, mostly capitalised, not ending a sentence."""
    words = _words(text)
    if not 1 <= len(words) <= 8 or re.search(r"[?!]$", text):
        return False
    if text.endswith(".") and len(words[-1].rstrip(".")) > 2:
        return False
    capitalised = [w[0].isupper() or w[0].isdigit() for w in words]
    return capitalised[0] and sum(capitalised) * 2 >= len(words)


def _split_names(value: str) -> list[str]:
    """The names in "A, B and C"."""
    return vocabulary().name_splitter.split(value)


def _match_label(text: str) -> tuple[Label | None, str]:
    """The (longest) label opening `text` and the value after it, or (None, "")."""
    for label in vocabulary().labels:
        m = label.regex.match(text)
        if m:
            return label, m.group("value")
    return None, ""


def _valid_value(kind: str, value: str) -> bool:
    """Whether text after a label of this kind can be that label's value (not a body sentence)."""
    value = _BULLET.sub("", value).strip()
    if kind in ("byline", "editor"):
        names = [v for piece in re.split(r"\s*[;|]\s*", value) for v in _split_names(piece) if v]
        return bool(names) and all(_name_like(_match_label(v)[1] or v) for v in names)
    if kind == "link":
        return len(_words(value)) <= 40
    if kind == "tag":
        return len(_words(value)) <= 30 and not _is_prose(value)
    return len(_words(value)) <= 12 and not _is_prose(value)


def _block_item(kind: str, text: str) -> bool:
    """Whether a line below a lone "RELATED" / "Tags" label still belongs to its block."""
    if _is_prose(text) or not _heading_like(text):
        return False
    return kind == "link" or len(_words(text)) <= 6


def _clean_value(value: str) -> str:
    value = _BULLET.sub("", value.strip())
    return re.sub(r"^[\s:|–—-]+|[\s:|,;–—-]+$", "", value)


def _publisher_and_places(parts: list[str], rest: str) -> tuple[str | None, list[str]]:
    """Tell the outlet from the place(s) in "JAKARTA, KOMPAS.com" or "TAGAR.id, Washington DC, AS".

    A part the gazetteer knows as a place is a place, one it knows as an outlet (or a domain name
    such as KOMPAS.com) is the publisher; of the rest the last is the publisher when none is known
    yet, as in "Jakarta, CNBC Indonesia".  A lone unknown word ("Pantau -", "Jakarta -") is a place
    when the rest of the text names it too (`rest`), else the publisher.

    >>> _publisher_and_places(["JAKARTA", "KOMPAS.com"], "")
    ('KOMPAS.com', ['JAKARTA'])
    >>> _publisher_and_places(["Bandung"], "Warga Bandung menyambut Presiden.")
    (None, ['Bandung'])
    """
    kinds = gazetteer_kinds()
    domain = vocabulary().domain
    publisher: str | None = None
    places: list[str] = []
    unknown: list[str] = []
    for part in parts:
        kind = kinds.get(part.lower())
        if kind == "place":
            places.append(part)
        elif publisher is None and (kind == "publisher" or domain.fullmatch(part)):
            publisher = part
        else:
            unknown.append(part)
    if len(parts) == 1 and unknown and re.search(rf"\b{re.escape(unknown[0])}\b", rest, re.IGNORECASE):
        return None, unknown
    if publisher is None and unknown:
        publisher = unknown.pop()
    places.extend(unknown)
    places.sort(key=parts.index)
    return publisher, places
