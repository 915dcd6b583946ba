"""Date expressions in a sentence of news text, resolved to calendar dates.

`find_dates` finds every date expression in a text (typically one sentence) and resolves it against
the article's publication date: written-out dates ("12 September 2022", "Nov. 15, 2023",
"Selasa (6/6/2023)"), dates missing their year ("Rabu (14/9)", "on April 29"), months and years
("pada Juni 2023", "in June", "Juni lalu", "in 2008", "tahun depan") and days, weeks, months and years
counted from the publication date ("kemarin", "last Tuesday", "Rabu depan", "pekan ini",
"earlier this month", "two years ago").  `resolve_date` does the same for one expression.

Every word it knows (month and weekday names, abbreviations, relative words and their offsets,
prepositions, range words) comes from `resources/<lang>/dates.tsv` (format: resources/README.md);
this module holds only the grammar that combines them and the calendar arithmetic.  Expressions
that carry their own year are parsed by dateparser (`languages=[lang]`, the file's `DATE_ORDER`);
the arithmetic here does what dateparser does not (Indonesian relative words, tense-aware weekdays,
choosing the year of a day-month).

Resolution rules (the ones a reader may need to know):
- A bare weekday ("on Wednesday", "Rabu") with tense "past" is the latest such day on or before the
  publication date, with "future" the first on or after it, with no tense the nearest one (there is
  never a tie: a week has an odd number of days).  "last/lalu" and "next/depan" mean strictly
  before/after the publication date; "this/ini" follows the tense rule.
- A day-month without year ("Rabu (14/9)", "April 29") takes the year that puts it nearest to the
  publication date, checked against the weekday when one is given.  With a tense, the nearest date on
  the tense's side is chosen, unless the nearest date overall lies within a month of publication
  (so a mis-read tense cannot move "Rabu (14/9)" a whole year).
- A month without year ("in June", "pada Februari"): past -> the latest such month not after the
  publication month, future -> the first not before it, no tense -> the nearest (a six-month tie
  goes to the past).  "Juni lalu"/"last June" -> strictly before, "bulan depan"/"next June" ->
  strictly after, "Juni ini"/"this June" -> the publication year.
- Weeks cannot be written as a PartialDate: "pekan ini"/"this week" gives the publication month,
  "pekan depan"/"next week" the month seven days later, "pekan lalu"/"last week" seven days earlier.
  "akhir pekan ini"/"this weekend" is the Saturday of the publication date's Monday-Sunday week.
- A range ("14-16 September 2022", "15-16 November", "21 dan 22 September") resolves to its first day.
- An all-number date whose day and month could be swapped (9/12/2022) follows the file's
  `date_order`, unless a weekday or the publication date (the other reading within a month of it,
  this one not) says otherwise.
- With no publication date, only expressions that fix their own year resolve.
- Spans cover the expression with its modifiers and qualifiers ("Juni lalu", "earlier this month",
  "pertengahan Mei 2022") but not a preposition before it ("pada", "in", "on").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Callable

from ..facts import PartialDate
from ..resources import read_tsv, split_multi

__all__ = ["DateMention", "find_dates", "resolve_date"]

# A date on the "wrong" side of the sentence's tense is still accepted when it lies this close to
# the publication date (reports of an event published the day before it, a misread tense).
NEAR_DAYS = 31


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text: its character span, its text and the date it denotes.

    `relative` is True when the value was worked out from the publication date rather than written
    in full ("Rabu (14/9)", "last year"), False when the text fixes it ("12 September 2022").
    """
    start: int
    end: int
    text: str
    value: PartialDate
    relative: bool


# ---------------------------------------------------------------------------------------------
# The per-language lexicon and the regular expressions built from it


@dataclass
class _Lexicon:
    lang: str
    months: dict[str, int]          # full names and abbreviations, lower case, no dot
    weekdays: dict[str, int]
    days: dict[str, int]            # "kemarin" -> -1
    units: dict[str, str]           # "pekan" -> "week"
    count_units: dict[str, tuple[int, str]]
    premods: dict[str, int]
    postmods: dict[str, int]
    numbers: dict[str, int]
    quantities: set[str]
    determiners: set[str]
    lead_words: set[str]            # words that may stand before a weekday (prepositions, modifiers)
    date_order: str
    patterns: list[tuple[str, re.Pattern]]
    gate: re.Pattern | None = None   # what every pattern needs somewhere: a text without it has no date
    # what each pattern needs somewhere in the text (a digit, a month name, …): see `_select`
    needs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    anchors: dict[str, re.Pattern] = field(default_factory=dict)


def _words(words, case: str = "i") -> str:
    """A regex alternation of `words`, longest first; `case` "i" = any case, "cap" = capitalised."""
    alts = []
    for w in sorted(set(words), key=lambda s: (-len(s), s)):
        if case == "cap":
            first, rest = w[0], w[1:]
            alts.append(re.escape(first.upper()) + (f"(?i:{_escape_spaced(rest)})" if rest else ""))
        else:
            alts.append(_escape_spaced(w))
    if not alts:
        return "(?!)"
    body = "|".join(alts)
    return f"(?:{body})" if case == "cap" else f"(?i:{body})"


def _escape_spaced(w: str) -> str:
    return r"\s+".join(re.escape(part) for part in w.split())


def _bounded(alt: str) -> str:
    return rf"(?<!\w){alt}(?!\w)"


@lru_cache(maxsize=None)
def _lexicon(lang: str) -> _Lexicon:
    """The words of `lang`'s dates.tsv and the patterns built from them (built once per process)."""
    rows = read_tsv(lang, "dates.tsv")
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        by_kind.setdefault(r.get("kind", ""), []).append((r.get("expression", ""), r.get("value", "")))

    def number(kind, e, v):
        try:
            return int(v)
        except ValueError:
            raise ValueError(f"resources/{lang}/dates.tsv: row {e!r} ({kind}) needs a whole number "
                             f"as value, not {v!r}") from None

    def table(kind):
        return {e.lower(): number(kind, e, v) for e, v in by_kind.get(kind, [])}

    def names(kind):
        return [e for e, _ in by_kind.get(kind, [])]

    settings = {e: v for e, v in by_kind.get("setting", [])}
    months = {**table("month_abbr"), **table("month")}
    preps = {e: set(split_multi(v)) for e, v in by_kind.get("prep", [])}
    count_units = {}
    for e, v in by_kind.get("count_unit", []):
        n, _, unit = v.partition(" ")
        count_units[e.lower()] = (number("count_unit", e, n), unit.strip())
    qual_words = names("qualifier")
    qual_glued = [q for q in qual_words if q.endswith("-")]
    qual_spaced = [q for q in qual_words if not q.endswith("-")]
    unit_rows = by_kind.get("unit", [])
    plural_rows = by_kind.get("plural_unit", [])

    def unit_alt(*values, plural=False):
        rows = unit_rows + (plural_rows if plural else [])
        return _bounded(_words([e for e, v in rows if v in values]))

    range_words = names("range")
    range_sym = [w for w in range_words if not w.isalpha()]
    range_alpha = [w for w in range_words if w.isalpha()]

    # building blocks
    MONTH_FULL = _bounded(_words(names("month"), "cap"))
    MONTH_ANY = rf"(?<!\w)(?:{_words(names('month'), 'cap')}|{_words(names('month_abbr'), 'cap')}\.?)(?![^\W\d_])"
    WEEKDAY = _bounded(_words(names("weekday"), "cap"))
    PREMOD = _bounded(_words(names("premod")))
    POSTMOD = _bounded(_words(names("postmod")))
    QUAL = "(?:" + "|".join(
        ([rf"(?<!\w){_words(qual_spaced)}\s+"] if qual_spaced else [])
        + ([rf"(?<!\w){_words(qual_glued)}\s*"] if qual_glued else [])) + ")" if qual_words else "(?!)"
    LINK = _bounded(_words(names("link")))
    ORD = _words(names("ordinal")) + r"(?!\w)" if names("ordinal") else "(?!)"
    RANGE = "(?:" + "|".join(
        ([rf"\s*{_words(range_sym)}\s*"] if range_sym else [])
        + ([rf"\s+{_words(range_alpha)}\s+"] if range_alpha else [])) + ")" if range_words else "(?!)"
    CONJ = _words(names("conj"))
    DAY = r"(?<!\d)(?<!\d[.,:/])(?:0?[1-9]|[12]\d|3[01])(?!\d)"
    YEAR = r"(?:1[89]|20)\d\d(?![\w%])(?![.,:/\-–]\d)"
    YEAR_UNIT = unit_alt("year")
    WEEK_UNIT = unit_alt("week")
    REL_UNIT = unit_alt("week", "weekend", "month", "year")
    ANY_UNIT = unit_alt("day", "week", "month", "year", plural=True)
    REL_YEAR = rf"(?:(?:{LINK}\s+)?(?P<rypre>{PREMOD})\s+{YEAR_UNIT}|{YEAR_UNIT}\s+(?P<rypost>{POSTMOD}))"
    REL_WEEK = rf"(?:(?:{LINK}\s+)?(?P<rwpre>{PREMOD})\s+{WEEK_UNIT}|{WEEK_UNIT}\s+(?P<rwpost>{POSTMOD}))"
    PREP_Y = _bounded(_words([p for p, lic in preps.items() if "year" in lic]))
    PREP_M = _bounded(_words([p for p, lic in preps.items() if "month" in lic]))
    DAYPART = _bounded(_words(names("daypart")))
    WD_LEAD = rf"(?:(?P<wd>{WEEKDAY})(?:\s+{DAYPART})?(?:\s*,\s*|\s+|\s*(?P<wp>\()\s*))?"
    WD_CLOSE = r"(?(wp)\s*\))"
    DAY_D = rf"(?P<d>{DAY})(?:{ORD})?(?:{RANGE}(?P<d2>{DAY})(?:{ORD})?)?"
    NUMBER = _bounded(_words(names("number")))
    QUANT = _bounded(_words(names("quantity")))
    COUNT_UNIT = _bounded(_words(names("count_unit")))
    AGO = _bounded(_words(names("ago")))
    DAYWORD = _bounded(_words(names("day")))
    PAREN_WD = rf"(?:\s*\(\s*(?P<wd2>{WEEKDAY})\s*\))?"

    pats = {
        "iso": rf"(?<![\w\-/.])(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?!\d)",
        "numeric": (rf"(?:(?P<wd>{WEEKDAY})(?:\s+{DAYPART})?\s*,?\s*)?(?P<paren>\(\s*)?(?<![\w.,/:])(?P<a>\d{{1,2}})(?!\d)"
                    rf"(?:\s*(?P<sep>/)\s*|(?P<sep2>[.\-]))(?P<b>\d{{1,2}})(?!\d)"
                    rf"(?:(?(sep)\s*/\s*|(?P=sep2))(?P<y>\d{{4}}|\d{{2}})(?!\d))?(?![/.\-]\d)"
                    rf"(?(paren)\s*\))(?:\s+(?P<post>{POSTMOD}))?"),
        "cross_dmy": (rf"{WD_LEAD}(?P<d>{DAY})(?:{ORD})?\s+(?P<mon>{MONTH_ANY}){RANGE}"
                      rf"(?P<d2>{DAY})(?:{ORD})?\s+(?P<mon2>{MONTH_ANY})(?:\s*,?\s+(?P<y>{YEAR}))?{WD_CLOSE}"),
        "cross_mdy": (rf"{WD_LEAD}(?P<mon>{MONTH_ANY})\s*(?P<d>{DAY})(?:{ORD})?{RANGE}"
                      rf"(?P<mon2>{MONTH_ANY})\s*(?P<d2>{DAY})(?:{ORD})?(?:\s*,?\s+(?P<y>{YEAR}))?{WD_CLOSE}"),
        "dmy": (rf"{WD_LEAD}(?P<q>{QUAL})?{DAY_D}(?:\s+{LINK})?\s+(?P<mon>{MONTH_ANY})"
                rf"(?:\s*,?\s+(?:{YEAR_UNIT}\s+)?(?P<y>{YEAR})|\s+{REL_YEAR}|\s+(?P<post>{POSTMOD}))?{WD_CLOSE}"),
        "mdy": (rf"{WD_LEAD}(?P<q>{QUAL})?(?P<mon>{MONTH_ANY})\s*{DAY_D}"
                rf"(?:\s*,?\s*(?P<y>{YEAR})|\s+{REL_YEAR})?{WD_CLOSE}"),
        "month_year": rf"(?P<q>{QUAL})?(?P<mon>{MONTH_ANY})(?:\s*,\s*|\s+)(?:{YEAR_UNIT}\s+)?(?P<y>{YEAR})",
        "month_rel": (rf"(?P<q>{QUAL})?(?:(?P<pre>{PREMOD})\s+(?P<mon>{MONTH_FULL})"
                      rf"|(?P<mon2>{MONTH_FULL})(?:\s+{REL_YEAR}|\s+(?P<post>{POSTMOD})))"),
        "month": rf"(?P<lead>{PREP_M}\s+(?:{PREP_M}\s+)*)?(?P<q>{QUAL})?(?P<mon>{MONTH_FULL})",
        "weekday": (rf"(?:(?P<pre>{PREMOD})\s+)?(?P<wd>{WEEKDAY})"
                    rf"(?:\s+{REL_WEEK}|\s+(?P<post>{POSTMOD}))?{PAREN_WD}"),
        "unit_rel": (rf"(?P<q>{QUAL})?(?:(?P<pre>{PREMOD})\s+(?P<u>{REL_UNIT})"
                     rf"|(?P<u2>{REL_UNIT})\s+(?P<post>{POSTMOD}))"),
        "ago": (rf"(?:(?:(?<![\d.,])(?P<n>\d{{1,3}})|(?P<nw>{NUMBER})|(?P<qw>{QUANT}))\s+(?P<u>{ANY_UNIT})"
                rf"|(?P<cu>{COUNT_UNIT}))\s+{AGO}"),
        "dayword": rf"(?P<dw>{DAYWORD}){PAREN_WD}",
        "year": (rf"(?P<lead>{PREP_Y}\s+)?(?P<q>{QUAL})?(?P<y>(?<!\w){YEAR})"
                 rf"(?P<more>(?:(?:\s*,\s*|\s+{CONJ}\s+)(?:1[89]|20)\d\d(?![\w%])(?![.,:/\-–]\d))*)"),
    }
    patterns = [(name, re.compile(p)) for name, p in pats.items()] if rows else []
    gate = re.compile("|".join([r"\d", MONTH_ANY, WEEKDAY, DAYWORD, ANY_UNIT, REL_UNIT, COUNT_UNIT])) if rows else None
    # a pattern cannot match a text without its anchors: a sentence without a month name is not
    # searched for "14 September" or "Sept. 14"
    anchors = {"digit": r"\d", "month": MONTH_ANY, "weekday": WEEKDAY, "rel_unit": REL_UNIT,
               "ago": AGO, "dayword": DAYWORD}
    needs = {"iso": ("digit",), "numeric": ("digit",), "year": ("digit",),
             "cross_dmy": ("month", "digit"), "cross_mdy": ("month", "digit"),
             "dmy": ("month", "digit"), "mdy": ("month", "digit"), "month_year": ("month", "digit"),
             "month_rel": ("month",), "month": ("month",), "weekday": ("weekday",),
             "unit_rel": ("rel_unit",), "ago": ("ago",), "dayword": ("dayword",)}
    return _Lexicon(
        lang=lang, months=months, weekdays=table("weekday"), days=table("day"),
        units={e.lower(): v for e, v in unit_rows + plural_rows}, count_units=count_units,
        premods=table("premod"), postmods=table("postmod"), numbers=table("number"),
        quantities={q.lower() for q in names("quantity")},
        determiners={w.lower() for w in names("determiner")},
        lead_words={w.lower() for w in list(preps) + names("premod") + qual_words},
        date_order=settings.get("date_order", "DMY").upper(), patterns=patterns, gate=gate,
        needs=needs, anchors={k: re.compile(a) for k, a in anchors.items()})


def _key(s: str) -> str:
    return " ".join(s.lower().rstrip(".").split())


# ---------------------------------------------------------------------------------------------
# dateparser for expressions that carry their own year


@lru_cache(maxsize=None)
def _dateparser(lang: str, order: str):
    from dateparser.date import DateDataParser
    return DateDataParser(languages=[lang], settings={
        "DATE_ORDER": order, "PREFER_DAY_OF_MONTH": "first", "PARSERS": ["absolute-time"]})


def _parse_absolute(text: str, lang: str, order: str, period: str) -> date | None:
    """The date dateparser reads in `text` when it reads it to the given period ("day", "month")."""
    try:
        data = _dateparser(lang, order).get_date_data(text)
    except Exception:       # dateparser raises on some odd inputs; our own reading then stands
        return None
    if data.date_obj is None or data.period != period:
        return None
    return data.date_obj.date()


# ---------------------------------------------------------------------------------------------
# calendar arithmetic


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _choose_day(cands: list[date], published: date, tense: str | None) -> date | None:
    """The candidate a reader means: nearest to `published`, on the tense's side when there is one."""
    if not cands:
        return None
    nearest = min(cands, key=lambda c: (abs((c - published).days), c > published))
    if tense not in ("past", "future") or abs((nearest - published).days) <= NEAR_DAYS:
        return nearest
    side = [c for c in cands if (c <= published if tense == "past" else c >= published)]
    return min(side, key=lambda c: abs((c - published).days)) if side else nearest


def _day_month(published: date | None, month: int, day: int, weekday: int | None,
               tense: str | None, mod: int | None = None) -> date | None:
    """The date of a day-month written without its year."""
    if published is None:
        return None
    cands = [c for y in (published.year - 1, published.year, published.year + 1)
             if (c := _safe_date(y, month, day))]
    if weekday is not None and any(c.weekday() == weekday for c in cands):
        cands = [c for c in cands if c.weekday() == weekday]
    if mod == 0:
        cands = [c for c in cands if c.year == published.year] or cands
    elif mod == -1:
        return max((c for c in cands if c < published), default=None)
    elif mod == 1:
        return min((c for c in cands if c > published), default=None)
    return _choose_day(cands, published, tense)


def _month_of(published: date, month: int, tense: str | None, mod: int | None) -> tuple[int, int]:
    """(year, month) of a month named without its year."""
    y, pm = published.year, published.month
    if mod == 0:
        return y, month
    if mod == -1:
        return (y, month) if month < pm else (y - 1, month)
    if mod == 1:
        return (y, month) if month > pm else (y + 1, month)
    past = (y, month) if month <= pm else (y - 1, month)
    future = (y, month) if month >= pm else (y + 1, month)
    if tense == "past":
        return past
    if tense == "future":
        return future
    dist_past = (pm - month) % 12
    dist_future = (month - pm) % 12
    return past if dist_past <= dist_future else future


def _weekday_date(published: date, weekday: int, tense: str | None, mod: int | None) -> date:
    """The date of a weekday named without a date."""
    back = (published.weekday() - weekday) % 7
    fwd = (weekday - published.weekday()) % 7
    if mod == -1:
        return published - timedelta(days=back or 7)
    if mod == 1:
        return published + timedelta(days=fwd or 7)
    if tense == "past":
        return published - timedelta(days=back)
    if tense == "future":
        return published + timedelta(days=fwd)
    return published - timedelta(days=back) if back <= fwd else published + timedelta(days=fwd)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _unit_value(published: date, unit: str, n: int) -> PartialDate:
    """The date `n` units (day, week, weekend, month, year) away from `published`."""
    if unit == "day":
        d = published + timedelta(days=n)
        return PartialDate(d.year, d.month, d.day)
    if unit == "week":
        d = published + timedelta(days=7 * n)
        return PartialDate(d.year, d.month)
    if unit == "weekend":
        d = published - timedelta(days=published.weekday()) + timedelta(days=5 + 7 * n)
        return PartialDate(d.year, d.month, d.day)
    if unit == "month":
        return PartialDate(*_add_months(published.year, published.month, n))
    return PartialDate(published.year + n)


def _pd(d: date) -> PartialDate:
    return PartialDate(d.year, d.month, d.day)


# ---------------------------------------------------------------------------------------------
# what a match says, and what date that is


@dataclass
class _Parts:
    """The pieces of one date expression, before resolution."""
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    mod: int | None = None            # last/this/next on a weekday, a month or a day-month
    year_offset: int | None = None    # "Juni tahun lalu": the year relative to publication
    week_offset: int | None = None    # "Rabu pekan depan": the week relative to publication
    unit: str | None = None           # "pekan depan", "2 tahun lalu", "kemarin": n units away
    n: int = 0
    swappable: bool = False           # an all-number date whose day and month may be swapped
    parse_text: str | None = None     # what dateparser reads when the year is written
    order: str = "DMY"


def _resolve(p: _Parts, lang: str, published: date | None,
             tense: str | None) -> tuple[PartialDate | None, bool]:
    """(value, relative) of the parts, or (None, _) when they do not make a date."""
    if p.unit is not None:
        return (_unit_value(published, p.unit, p.n), True) if published else (None, True)
    year, relative = p.year, False
    if p.year_offset is not None:
        if published is None:
            return None, True
        year, relative = published.year + p.year_offset, True
    if year is not None:
        if p.month is None:
            return PartialDate(year), relative
        if p.day is None:
            return _month_date(p, year, lang), relative
        return _full_date(p, year, lang, published), relative
    if published is None:
        return None, True
    if p.month is not None and p.day is not None:
        d = _day_month(published, p.month, p.day, p.weekday, tense, p.mod)
        if d is None and p.swappable:
            d = _day_month(published, p.day, p.month, p.weekday, tense, p.mod)
        return (_pd(d) if d else None), True
    if p.month is not None:
        return PartialDate(*_month_of(published, p.month, tense, p.mod)), True
    if p.weekday is not None:
        if p.week_offset is not None:
            monday = published - timedelta(days=published.weekday())
            return _pd(monday + timedelta(days=7 * p.week_offset + p.weekday)), True
        return _pd(_weekday_date(published, p.weekday, tense, p.mod)), True
    return None, True


def _full_date(p: _Parts, year: int, lang: str, published: date | None) -> PartialDate | None:
    """A day-level date whose year is written: dateparser's reading, in the order the evidence picks.

    An all-number date that reads both ways keeps the file's order unless a weekday, or the
    publication date (the other reading within NEAR_DAYS of it, this one not), says otherwise.
    """
    readings = [(p.day, p.month, p.order)]
    if p.swappable:
        readings.append((p.month, p.day, _SWAPPED.get(p.order, p.order)))
    cands = [(c, order) for d, mo, order in readings if (c := _safe_date(year, mo, d))]
    if not cands:
        return None
    if p.weekday is not None and any(c.weekday() == p.weekday for c, _ in cands):
        cands = [co for co in cands if co[0].weekday() == p.weekday]
    chosen, order = cands[0]
    if len(cands) > 1 and published is not None:
        near = [abs((c - published).days) <= NEAR_DAYS for c, _ in cands]
        if not near[0] and near[1]:
            chosen, order = cands[1]
    parsed = _parse_absolute(p.parse_text, lang, order, "day") if p.parse_text else None
    return _pd(parsed if parsed is not None and parsed.year == year else chosen)


def _month_date(p: _Parts, year: int, lang: str) -> PartialDate:
    """A month whose year is written ("November 2022"): dateparser's reading, else ours."""
    parsed = _parse_absolute(p.parse_text, lang, p.order, "month") if p.parse_text else None
    if parsed is not None and parsed.year == year:
        return PartialDate(parsed.year, parsed.month)
    return PartialDate(year, p.month)


_SWAPPED = {"DMY": "MDY", "MDY": "DMY"}


# ---------------------------------------------------------------------------------------------
# scanning: every pattern proposes candidates, the longest non-overlapping ones are kept


@dataclass
class _Cand:
    start: int
    end: int
    priority: int
    parts: _Parts | None              # None: a match that only blocks others ("beberapa tahun lalu")
    splits: list[tuple[int, int, _Parts]] | None = None   # listed years: one mention each


def _g(m: re.Match, name: str) -> str | None:
    return m.groupdict().get(name)


def _at_sentence_start(text: str, i: int) -> bool:
    before = text[:i].rstrip()
    return not before or before[-1] in ".!?\"'“”\n:"


def _prev_word(text: str, i: int) -> str:
    before = text[:i].split()
    return before[-1].lower().strip("\"'“”‘’(") if before else ""


def _next_word(text: str, i: int) -> str:
    after = text[i:].split()
    return after[0] if after else ""


def _after_title_word(text: str, i: int, lex: _Lexicon) -> bool:
    """True when a Title-case word stands right before position i ("Pasar Minggu", "Black Friday").

    A word opening the sentence counts only when it is not one of the language's date words
    ("On Monday", "Pada Senin", "Earlier Wednesday").
    """
    m = re.search(r"(\w+)[ \t]+$", text[:i])
    if not m:
        return False
    w = m.group(1)
    if not (w[:1].isupper() and any(ch.islower() for ch in w)):
        return False
    return not (_at_sentence_start(text, m.start(1)) and w.lower() in lex.lead_words)


def _looks_like_name(text: str, start: int, end: int) -> bool:
    """True for "Today" in "BBC Radio 4's Today programme": every word capitalised mid-sentence."""
    words = text[start:end].split()
    return (not _at_sentence_start(text, start)
            and all(w[:1].isupper() for w in words))


def _weekday_of(lex: _Lexicon, m: re.Match, *names: str) -> int | None:
    for n in names:
        s = _g(m, n)
        if s:
            return lex.weekdays.get(_key(s))
    return None


def _modifier(lex: _Lexicon, m: re.Match, pre: str, post: str) -> int | None:
    if s := _g(m, pre):
        return lex.premods.get(_key(s))
    if s := _g(m, post):
        return lex.postmods.get(_key(s))
    return None


def _start(m: re.Match, *groups: str) -> int:
    """Where the span begins: the first of `groups` that matched (prepositions stay outside)."""
    starts = [m.start(g) for g in groups if _g(m, g)]
    return min(starts) if starts else m.start()


def _year_context(lex: _Lexicon, m: re.Match, p: _Parts) -> _Parts:
    if (off := _modifier(lex, m, "rypre", "rypost")) is not None:
        p.year_offset = off
    return p


def _h_iso(m, text, lex):
    p = _Parts(int(m["y"]), int(m["m"]), int(m["d"]), parse_text=m.group(0), order="YMD")
    yield _Cand(m.start(), m.end(), 3, p)


def _h_numeric(m, text, lex):
    a, b, ys = int(m["a"]), int(m["b"]), m["y"]
    wd = _weekday_of(lex, m, "wd")
    if not (m["paren"] or ys or wd is not None):
        return                          # a bare "14/9" may be a ratio, a score or a fraction
    if m["sep2"] and not ys:
        return                          # "10.00" is a time of day, "3-2" a score
    year = None
    if ys:
        year = int(ys) if len(ys) == 4 else (2000 + int(ys) if int(ys) < 70 else 1900 + int(ys))
    mdy = lex.date_order.startswith("M")
    day, month = (b, a) if mdy else (a, b)
    core = text[m.start("a"):m.end("y") if ys else m.end("b")]
    end = m.end() if (m["paren"] or m["wd"]) else m.start("post") if m["post"] else m.end()
    end = len(text[:end].rstrip())
    mod = _modifier(lex, m, "_", "post") if end == m.end() else None
    yield _Cand(_start(m, "wd", "paren", "a"), end, 2,
                _Parts(year, month, day, weekday=wd, mod=mod, swappable=True, parse_text=core,
                       order="MDY" if mdy else "DMY"))


def _month(lex: _Lexicon, s: str) -> int:
    return lex.months[_key(s)]


def _h_cross(m, text, lex):
    d1, d2 = int(m["d"]), int(m["d2"])
    mo1, mo2 = _month(lex, m["mon"]), _month(lex, m["mon2"])
    year = int(m["y"]) if m["y"] else None
    if year is not None and mo1 > mo2:
        year -= 1                        # 30 Desember 2022 - 2 Januari 2023
    yield _Cand(_start(m, "wd", "d", "mon"), m.end(), 2,
                _Parts(year, mo1, d1, weekday=_weekday_of(lex, m, "wd")))


def _h_day_month(order):
    def handler(m, text, lex):
        mon, day = m["mon"], int(m["d"])
        p = _Parts(int(m["y"]) if m["y"] else None, _month(lex, mon), day,
                   weekday=_weekday_of(lex, m, "wd"), mod=_modifier(lex, m, "_", "post"))
        _year_context(lex, m, p)
        if p.year is not None:
            p.parse_text = f"{day} {mon} {m['y']}" if order == "DMY" else f"{mon} {day}, {m['y']}"
            p.order = order
        yield _Cand(_start(m, "wd", "q", "d", "mon"), m.end(), 1, p)
    return handler


def _h_month_year(m, text, lex):
    p = _Parts(int(m["y"]), _month(lex, m["mon"]), parse_text=f"{m['mon']} {m['y']}")
    yield _Cand(_start(m, "q", "mon"), m.end(), 1, p)


def _h_month_rel(m, text, lex):
    mon = m["mon"] or m["mon2"]
    p = _Parts(month=_month(lex, mon), mod=_modifier(lex, m, "pre", "post"))
    _year_context(lex, m, p)
    yield _Cand(_start(m, "q", "pre", "mon", "mon2"), m.end(), 1, p)


def _h_month(m, text, lex):
    if not (m["lead"] or m["q"]):
        return                           # "May" alone may be a name; "in May", "akhir Mei" are months
    yield _Cand(_start(m, "q", "mon"), m.end(), 0, _Parts(month=_month(lex, m["mon"])))


def _h_weekday(m, text, lex):
    wd = _weekday_of(lex, m, "wd")
    p = _Parts(weekday=wd, mod=_modifier(lex, m, "pre", "post"))
    if (off := _modifier(lex, m, "rwpre", "rwpost")) is not None:
        p.week_offset = off
    s = m.start("wd")
    word = m["wd"]
    if (not m["pre"] and _prev_word(text, s) in lex.determiners
            and _next_word(text, m.end("wd"))[:1].isupper()):
        return                           # "the Sunday Telegraph"
    bare = not (m["pre"] or m["post"] or m["rwpre"] or m["rwpost"] or m["wd2"])
    if bare and _after_title_word(text, s, lex):
        return                           # "Pasar Minggu", "Sheffield Wednesday", "Black Friday"
    # "Minggu lalu" opening a sentence is "last week"; inside a sentence, capitalised, it is Sunday
    prio = -1 if _key(word) in lex.units and _at_sentence_start(text, s) else 1
    yield _Cand(_start(m, "pre", "wd"), m.end(), prio, p)


def _h_unit_rel(m, text, lex):
    unit = lex.units[_key(m["u"] or m["u2"])]
    if m["q"] and _key(m["q"] + " " + (m["u"] or m["u2"])) in lex.units:
        unit = lex.units[_key(m["q"] + " " + (m["u"] or m["u2"]))]   # "akhir pekan" is the weekend
    off = _modifier(lex, m, "pre", "post")
    start = _start(m, "q", "pre", "u", "u2")
    prev = _prev_word(text, start)
    if prev.isdigit() or prev in lex.numbers or prev in lex.quantities or prev in lex.determiners:
        return                           # "2 tahun", "beberapa tahun", "the last week": durations
    if _looks_like_name(text, start, m.end()):
        return
    yield _Cand(start, m.end(), 0, _Parts(unit=unit, n=off))


def _h_ago(m, text, lex):
    if m["qw"]:
        yield _Cand(m.start(), m.end(), 0, None)      # "several years ago": vague, blocks "years ago"
        return
    if m["cu"]:
        n, unit = lex.count_units[_key(m["cu"])]
    else:
        n = int(m["n"]) if m["n"] else lex.numbers[_key(m["nw"])]
        unit = lex.units[_key(m["u"])]
    yield _Cand(m.start(), m.end(), 1, _Parts(unit=unit, n=-n))


def _h_dayword(m, text, lex):
    if _looks_like_name(text, m.start("dw"), m.end("dw")):
        return                           # "Today" programme, "USA Today"
    yield _Cand(m.start(), m.end(), 1, _Parts(unit="day", n=lex.days[_key(m["dw"])]))


def _h_year(m, text, lex):
    if not (m["lead"] or m["q"]):
        return                           # "G20 Summit 2022", "2000 troops": not read as years
    first = _start(m, "q", "y")
    splits = [(first, m.end("y"), _Parts(int(m["y"])))]
    if m["more"]:
        base = m.start("more")
        for ym in re.finditer(r"\d{4}", m["more"]):
            splits.append((base + ym.start(), base + ym.end(), _Parts(int(ym.group(0)))))
    yield _Cand(first, m.end(), 0, None, splits)


_HANDLERS: dict[str, Callable] = {
    "iso": _h_iso, "numeric": _h_numeric, "cross_dmy": _h_cross, "cross_mdy": _h_cross,
    "dmy": _h_day_month("DMY"), "mdy": _h_day_month("MDY"), "month_year": _h_month_year,
    "month_rel": _h_month_rel, "month": _h_month, "weekday": _h_weekday, "unit_rel": _h_unit_rel,
    "ago": _h_ago, "dayword": _h_dayword, "year": _h_year,
}


def _select(text: str, lex: _Lexicon) -> list[_Cand]:
    """The longest non-overlapping candidates, left to right (ties: higher priority)."""
    if lex.gate is not None and not lex.gate.search(text):
        return []
    present: dict[str, bool] = {}

    def has(anchor: str) -> bool:
        found = present.get(anchor)
        if found is None:
            found = present[anchor] = lex.anchors[anchor].search(text) is not None
        return found

    cands = [c for name, rx in lex.patterns if all(has(a) for a in lex.needs.get(name, ()))
             for m in rx.finditer(text) for c in _HANDLERS[name](m, text, lex)]
    cands.sort(key=lambda c: (c.start, -(c.end - c.start), -c.priority))
    chosen, end = [], -1
    for c in cands:
        if c.start >= end:
            chosen.append(c)
            end = c.end
    return chosen


# ---------------------------------------------------------------------------------------------
# public functions


def find_dates(text: str, lang: str, published: date | None, *, tense: str | None = None,
               offset: int = 0) -> list[DateMention]:
    """Every date expression in `text`, in order, with spans shifted by `offset`.

    `tense` ("past", "future" or None) decides bare weekdays and months; expressions that need the
    publication date are skipped when `published` is None.  A language without a dates.tsv gives [].

    >>> [m.value.iso for m in find_dates("Putin dan Xi bertemu Rabu (14/9) di Samarkand.", "id", date(2022, 9, 12))]
    ['2022-09-14']
    >>> [(m.text, m.value.iso) for m in find_dates("Biden met Xi in November 2022 and will meet him next year.", "en", date(2023, 11, 15))]
    [('November 2022', '2022-11'), ('next year', '2024')]
    >>> find_dates("Pertemuan digelar Rabu (14/9).", "id", None)
    []
    """
    if tense not in (None, "past", "future"):
        raise ValueError(f"tense must be 'past', 'future' or None, not {tense!r}")
    if isinstance(published, datetime):
        published = published.date()
    lex = _lexicon(lang)
    out: list[DateMention] = []
    for start, end, parts in _pieces(text, lex):
        value, relative = _resolve(parts, lang, published, tense)
        if value is not None:
            out.append(DateMention(start + offset, end + offset, text[start:end], value, relative))
    return out


@lru_cache(maxsize=None)
def _period_words(lang: str) -> re.Pattern | None:
    words = [r["expression"] for r in read_tsv(lang, "dates.tsv") if r.get("kind") == "period"]
    return re.compile(rf"{_bounded(_words(words))}\W*$", re.I) if words else None


def bounds_period(text: str, start: int, lang: str) -> bool:
    """True when the date starting at `start` of `text` follows a word that opens or closes a
    period ("since 2019", "sejak 2015", "until 2030"): it dates a state of affairs, not an event.

    >>> bounds_period("The two leaders have met ten times since 2019.", 41, "en")
    True
    >>> bounds_period("They met in 2019.", 12, "en")
    False
    """
    pattern = _period_words(lang)
    return pattern is not None and pattern.search(text[max(0, start - 20):start]) is not None


def date_spans(text: str, lang: str, offset: int = 0) -> list[tuple[int, int]]:
    """The character spans of every date expression in `text` (shifted by `offset`), without
    resolving them: where dates are, for readers that need no value (cheaper than `find_dates`).

    >>> date_spans("Putin dan Xi bertemu Rabu (14/9) di Samarkand.", "id")
    [(21, 32)]
    """
    lex = _lexicon(lang)
    return [(start + offset, end + offset) for start, end, _ in _pieces(text, lex)]


def _pieces(text: str, lex: _Lexicon):
    """(start, end, parts) of every date expression of `text`, a split range giving its pieces."""
    for c in _select(text, lex):
        for start, end, parts in (c.splits or [(c.start, c.end, c.parts)]):
            if parts is not None:
                yield start, end, parts


def resolve_date(expression: str, lang: str, published: date | None,
                 tense: str | None = None) -> PartialDate | None:
    """The date `expression` denotes (its first date expression), or None.

    Falls back to dateparser for forms the data files do not cover.

    >>> resolve_date("Selasa lalu", "id", date(2023, 6, 8))
    PartialDate(year=2023, month=6, day=6)
    >>> resolve_date("on Nov. 15, 2023", "en", None)
    PartialDate(year=2023, month=11, day=15)
    """
    found = find_dates(expression, lang, published, tense=tense)
    if found:
        return found[0].value
    if published is None or not _lexicon(lang).patterns or not expression.strip():
        return None
    return _dateparser_relative(expression, lang, published, tense)


def _dateparser_relative(expression: str, lang: str, published: date,
                         tense: str | None) -> PartialDate | None:
    from dateparser.date import DateDataParser
    settings = {"RELATIVE_BASE": datetime(published.year, published.month, published.day),
                "DATE_ORDER": _lexicon(lang).date_order,
                "PREFER_DATES_FROM": {"past": "past", "future": "future"}.get(tense, "current_period")}
    try:
        data = DateDataParser(languages=[lang], settings=settings).get_date_data(expression)
    except Exception:
        return None
    if data.date_obj is None:
        return None
    d = data.date_obj
    if data.period == "year":
        return PartialDate(d.year)
    if data.period in ("month", "week"):
        return PartialDate(d.year, d.month)
    return PartialDate(d.year, d.month, d.day)
