"""The metadata vocabulary of every supported language, read once from the data files.

Sources: `<lang>/metadata.tsv` (labels such as "Baca juga:" / "Editor:" and page-furniture lines),
`<lang>/date_lines.tsv` (month and weekday names, filler words of date lines),
`common/metadata_patterns.tsv` (regular expressions for datelines, credits and furniture shapes),
`common/timezones.tsv` (zone abbreviations) and `common/html_meta.tsv` (HTML meta names).
Every language's labels are applied to every article: Indonesian pages print English labels
("Editor:", "Tags") and the other way round, and a label only ever matches at a line start.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta, timezone
from functools import lru_cache

from .. import resources

#: the Article list field a segment kind fills when the data file names none
DEFAULT_FIELDS = {
    "link": ("related_links",),
    "byline": ("authors",),
    "editor": ("editors",),
    "credit": ("credits",),
    "tag": ("tags",),
    "boilerplate": (),
}


@dataclass(frozen=True)
class Label:
    """A line-opening label ("Baca juga", "Editor") and where its value goes."""
    kind: str
    text: str
    fields: tuple[str, ...]
    regex: re.Pattern


@dataclass(frozen=True)
class ShapePattern:
    """A language-neutral regular expression with the segment kind it marks."""
    kind: str
    where: str
    regex: re.Pattern


@dataclass
class Vocabulary:
    """Everything the metadata finder matches against, merged over all languages."""
    labels: list[Label] = field(default_factory=list)
    lines: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    prefixes: list[tuple[str, str]] = field(default_factory=list)
    shapes: dict[str, list[ShapePattern]] = field(default_factory=dict)
    months: dict[str, int] = field(default_factory=dict)
    weekdays: set[str] = field(default_factory=set)
    fillers: set[str] = field(default_factory=set)
    clock_words: set[str] = field(default_factory=set)
    zones: dict[str, timezone] = field(default_factory=dict)
    html_meta: list[tuple[str, str]] = field(default_factory=list)
    name_separators: set[str] = field(default_factory=set)
    name_splitter: re.Pattern = re.compile(r"\s*[,;|]\s*")   # splits "A, B and C" into names
    domain: re.Pattern = re.compile(r"(?!)")

    def shape(self, where: str) -> list[ShapePattern]:
        """The patterns of one `where` position, in file order."""
        return self.shapes.get(where, [])

    @property
    def date_words(self) -> set[str]:
        """Every lower-cased word that may stand in a date line."""
        return set(self.months) | self.weekdays | self.fillers | self.clock_words | {
            z.lower() for z in self.zones}


def normalise_line(text: str) -> str:
    """A line reduced for exact matching: lower case, single spaces, outer punctuation dropped.

    >>> normalise_line("  Share  this ARTICLE: ")
    'share this article'
    """
    text = re.sub(r"\s+", " ", text).strip().lower()
    return re.sub(r"^[\W_]+|[\W_]+$", "", text)


def _label_regex(text: str, loose: bool) -> re.Pattern:
    words = [re.escape(w) for w in text.split()]
    sep = r"(?:\s*(?::|：|\.{2,}|…|-(?=\s|$)|–|—)|(?=\s*$))"
    if loose:
        sep = rf"(?:{sep}|(?=\s))"
    return re.compile(r"^(?:[-–•·*]\s*)?" + r"\s+".join(words) + sep + r"\s*(?P<value>.*?)\s*$",
                      re.IGNORECASE)


def _expand(pattern: str, defines: dict[str, str]) -> str:
    for _ in range(5):  # defines may use earlier defines
        pattern = re.sub(r"\{\{(\w+)\}\}", lambda m: defines[m.group(1)], pattern)
    return pattern


@lru_cache(maxsize=None)
def vocabulary() -> Vocabulary:
    """The merged metadata vocabulary of every language folder plus `common/`."""
    voc = Vocabulary()
    for lang in resources.languages():
        for row in resources.read_tsv(lang, "metadata.tsv"):
            kind, match, text = row["kind"], row["match"], row["text"]
            cell = row.get("fields", "")
            fields = () if cell == "-" else tuple(resources.split_multi(cell)) or DEFAULT_FIELDS.get(kind, ())
            if match in ("label", "loose"):
                voc.labels.append(Label(kind, text, fields, _label_regex(text, match == "loose")))
            elif match == "line":
                voc.lines[normalise_line(text)] = (kind, fields)
            elif match == "prefix":
                voc.prefixes.append((text.lower(), kind))
            elif match == "word" and kind == "name_separator":
                voc.name_separators.add(text)
        for row in resources.read_tsv(lang, "date_lines.tsv"):
            name = row["name"].lower()
            if row["kind"] == "month":
                voc.months[name] = int(row["number"])
            elif row["kind"] == "weekday":
                voc.weekdays.add(name)
            elif row["kind"] == "clock":
                voc.clock_words.add(name)
            else:
                voc.fillers.add(name)
    # the longest label first, so "Redaktur & Reporter" wins over "Redaktur"
    voc.labels.sort(key=lambda lab: -len(lab.text))
    credit_labels = sorted({re.escape(lab.text) for lab in voc.labels if lab.kind == "credit"},
                           key=len, reverse=True)
    defines = {"credit_labels": "|".join(credit_labels) or "(?!)"}
    for row in resources.read_tsv("common", "metadata_patterns.tsv"):
        if row["kind"] == "define":
            defines[row["where"]] = _expand(row["pattern"], defines)
            continue
        regex = re.compile(_expand(row["pattern"], defines))
        voc.shapes.setdefault(row["where"], []).append(ShapePattern(row["kind"], row["where"], regex))
    voc.domain = re.compile(defines.get("DOMAIN", r"(?!)"))
    words = "|".join(re.escape(w) for w in sorted(voc.name_separators, key=len, reverse=True))
    if words:
        voc.name_splitter = re.compile(rf"\s*[,;|]\s*|\s+(?:{words})\s+", re.IGNORECASE)
    for row in resources.read_tsv("common", "timezones.tsv"):
        sign = -1 if row["offset"].startswith("-") else 1
        hours, minutes = row["offset"].lstrip("+-").split(":")
        voc.zones[row["zone"]] = timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
    voc.html_meta = [(row["field"], row["name"]) for row in resources.read_tsv("common", "html_meta.tsv")]
    return voc


@lru_cache(maxsize=None)
def language_aliases() -> dict[str, str]:
    """Detector codes mapped to the supported language they stand for ({"ms": "id", ...})."""
    return {row["found"]: row["lang"] for row in resources.read_tsv("common", "language_aliases.tsv")}


@lru_cache(maxsize=None)
def gazetteer_kinds() -> dict[str, str]:
    """Lower-cased surface forms of known places and outlets → "place" or "publisher".

    Read from the shared gazetteer (`common/gazetteer/`, `<lang>/gazetteer/`) when it exists; used
    only to tell the city from the outlet in a dateline such as "Jakarta -" or "Pantau -".
    """
    kinds: dict[str, str] = {}
    wanted: dict[str, str] = {}
    for row in resources.read_tsv_dir("common", "gazetteer"):
        if row.get("type") in ("Place", "Country"):
            kind = "place"
        elif row.get("kind") == "outlet":
            kind = "publisher"
        else:
            continue
        wanted[row.get("name", "")] = kind
        for form in [row.get("name", "")] + resources.split_multi(row.get("aliases", "")):
            if form:
                kinds.setdefault(form.lower(), kind)
    for lang in resources.languages():
        for row in resources.read_tsv_dir(lang, "gazetteer"):
            kind = wanted.get(row.get("name", ""))
            if kind:
                for form in resources.split_multi(row.get("aliases", "")):
                    kinds.setdefault(form.lower(), kind)
    return kinds
