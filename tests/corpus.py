"""Short news-like articles written for the scale tests (English and Indonesian), made from a few
sentence patterns so that a corpus of any size has distinct texts, dates and meeting pairs."""
from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

LEADERS = [("President", "Presiden", "Joko Widodo"), ("Prime Minister", "Perdana Menteri", "Anthony Albanese"),
           ("President", "Presiden", "Xi Jinping"), ("President", "Presiden", "Vladimir Putin"),
           ("Prime Minister", "Perdana Menteri", "Narendra Modi"), ("President", "Presiden", "Emmanuel Macron")]
CITIES = ["Jakarta", "Beijing", "Moscow", "Canberra", "New Delhi", "Paris", "Bali", "Tokyo"]
DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def meeting(i: int):
    """Who met whom, where and when in the i-th article (every third one reports the meeting
    of the article before it again, so that reports across articles and languages merge)."""
    if i % 3 == 2:
        return meeting(i - 1)
    a, b = LEADERS[i % len(LEADERS)], LEADERS[(i * 5 + 1) % len(LEADERS)]
    if a == b:
        b = LEADERS[(i + 1) % len(LEADERS)]
    return a, b, CITIES[(i * 3) % len(CITIES)], date(2023, 1, 2) + timedelta(days=3 * i)


def article(i: int) -> dict:
    """The i-th article: a meeting of two leaders in a city, reported a day or two after."""
    a, b, city, day = meeting(i)
    published = day + timedelta(days=1 + (i % 3 == 2))
    if i % 2:
        text = (f"{a[2]} meets {b[2]} in {city}\n\n"
                f"{city.upper()} (Wire) - {a[0]} {a[2]} met {b[0]} {b[2]} in {city} on "
                f"{DAYS_EN[day.weekday()]}, officials said.\n\n"
                f"The two leaders discussed trade, energy and talks number {i}.\n")
        lang = "en"
    else:
        text = (f"{a[2]} Bertemu {b[2]} di {city}\n\n"
                f"Contoh.com - {a[1]} {a[2]} bertemu {b[1]} {b[2]} di {city} pada "
                f"{DAYS_ID[day.weekday()]} ({day.day}/{day.month}).\n\n"
                f"Kedua pemimpin membahas perdagangan dan energi dalam pertemuan ke-{i}.\n")
        lang = "id"
    return {"id": f"t-{i}", "text": text, "lang": lang, "published": published.isoformat()}


def write_corpus(path: Path, n: int, start: int = 0) -> Path:
    """A .jsonl corpus of articles start … start+n-1."""
    path.write_text("".join(json.dumps(article(i)) + "\n" for i in range(start, start + n)),
                    encoding="utf-8")
    return path
