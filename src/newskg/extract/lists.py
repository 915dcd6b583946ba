"""One event per item: an agreement told with a list of its instruments below it.

News lists what was signed as numbered or bulleted lines under a header ("The agreements signed
are:", "Kesepakatan yang ditandatangani yaitu:", then "1. Memorandum of Understanding on …").
Each separately signed agreement is its own Partnership (CONVENTIONS §4): the header's event
stands for the first item and every further item gets a copy with the header's parties, date and
status, its evidence the header and the item's line.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..facts import Event, Span
from ..nlp.lexicon import word_set

# a list line: "1.", "2)", "a.", "(3)", "-", "•" … opening the line, then the item's text
ITEM = re.compile(r"^[ \t]*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|[-–•*▪●◦])[ \t]+(?P<item>\S.*)$", re.M)
MIN_ITEMS = 2
MAX_GAP = 2      # blank lines allowed between the header and its first item, and between items


def split_listed(events: list[Event], text: str, lang: str) -> list[Event]:
    """The events with every listed Partnership split into one event per list item."""
    out: list[Event] = []
    for ev in events:
        out.append(ev)
        if ev.type != "Partnership" or not ev.evidence:
            continue
        found = [(h, items) for h in sorted(ev.evidence, key=lambda s: s.start)
                 for items in [_items_after(text, h.end)] if len(items) >= MIN_ITEMS]
        if not found:
            continue
        header, items = found[0]
        ev.evidence = [*ev.evidence, items[0]]
        ev.qualifier = _name(items[0].text, lang)
        for k, item in enumerate(items[1:], start=2):
            out.append(replace(ev, key=f"{ev.key}-{k}", participants=list(ev.participants),
                               evidence=[header, item], triggers=list(ev.triggers),
                               qualifier=_name(item.text, lang)))
    return out


def _name(item: str, lang: str) -> str:
    """The agreement an item names: its text without the list's joining punctuation and word
    ("…; dan", "…; and": the language's run connectors)."""
    words = item.rstrip(" ;,.").split()
    if len(words) > 1 and words[-1] in word_set(lang, "run_connectors"):
        words = words[:-1]
    return " ".join(words).rstrip(" ;,.")


def _items_after(text: str, pos: int) -> list[Span]:
    """The list lines right after position `pos` (the header sentence's end)."""
    items: list[Span] = []
    nl = text.find("\n", pos)
    if nl < 0 or text[pos:nl].strip():
        return items       # the header does not end its line: no list below it
    at = nl + 1
    while at < len(text):
        gap = 0
        while at < len(text) and text[at] == "\n":
            at += 1
            gap += 1
        if gap > MAX_GAP:
            break
        m = ITEM.match(text, at)
        if m is None:
            break
        items.append(Span.of(text, m.start("item"), m.end("item")))
        at = m.end() + 1
    return items
