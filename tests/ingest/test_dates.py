"""Date lines under headlines, in Indonesian and English, and ISO publication dates."""
from datetime import date, datetime, timedelta, timezone

import pytest

from newskg.errors import InputError
from newskg.ingest.dates import parse_date_line, parse_published

WIB = timezone(timedelta(hours=7))


@pytest.mark.parametrize("line, expected", [
    ("Senin, 12 September 2022 | 10:10", datetime(2022, 9, 12, 10, 10)),
    ("SABTU, 31 DESEMBER 2022 | 08:14 WIB", datetime(2022, 12, 31, 8, 14, tzinfo=WIB)),
    ("Kamis, 23 Oktober 2015 10:43 WIB", datetime(2015, 10, 23, 10, 43, tzinfo=WIB)),
    ("Jum'at, 3 Mei 2019 - 07:30 WIB", datetime(2019, 5, 3, 7, 30, tzinfo=WIB)),
    ("22 Maret 2011 10:44 WIB", datetime(2011, 3, 22, 10, 44, tzinfo=WIB)),
    ("Rabu, 16 Nov 2022", date(2022, 11, 16)),
    ("Nov 16, 2024, 10:05 PM", datetime(2024, 11, 16, 22, 5)),
    ("PUBLISHED : 15 Nov 2023 at 07:45", datetime(2023, 11, 15, 7, 45)),
    ("Tue, August 8, 2017", date(2017, 8, 8)),
    ("March 25, 2013", date(2013, 3, 25)),
    ("Last update on: Sat Jun 22, 2024 01:03 PM", datetime(2024, 6, 22, 13, 3)),
    ("16/11/2022, 10:05 WIB", datetime(2022, 11, 16, 10, 5, tzinfo=WIB)),
    ("Updated 16 Nov 2022 10:05 GMT+8", datetime(2022, 11, 16, 10, 5, tzinfo=timezone(timedelta(hours=8)))),
])
def test_date_lines(line, expected):
    assert parse_date_line(line).value == expected


def test_date_line_with_publisher_and_reporter():
    dl = parse_date_line("Kompas.tv - 29 Oktober 2020, 15:11 WIB")
    assert dl.publisher == "Kompas.tv" and dl.value == datetime(2020, 10, 29, 15, 11, tzinfo=WIB)
    dl = parse_date_line("SABTU, 31 DESEMBER 2022 | 08:14 WIB | LAPORAN: RENI ERINA")
    assert dl.labelled == [("Laporan", "RENI ERINA")]


@pytest.mark.parametrize("line", [
    "Pertemuan digelar pada 12 September 2022",
    "Jakarta, 12 Mei 2023",
    "The summit opens on November 15, 2022 in Bali.",
    "September 2022",                        # no day: not a publication date
    "Senin (14/9)",                          # no year
    "KTT G20 2022",
    "Biden and Xi met in 2022 for talks on trade, climate and security in the Indonesian resort island",
])
def test_not_date_lines(line):
    assert parse_date_line(line) is None


def test_parse_published_values():
    assert parse_published(date(2022, 1, 2), "x") == date(2022, 1, 2)
    assert parse_published("2022-11-15T10:05:00Z", "x") == datetime(2022, 11, 15, 10, 5, tzinfo=timezone.utc)
    assert parse_published(None, "x") is None
    with pytest.raises(InputError, match=r"corpus.jsonl:7: 'published' is not an ISO date"):
        parse_published("kemarin", "corpus.jsonl", 7)
