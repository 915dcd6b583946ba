"""Readers of every input kind, and every kind of bad input turned into a one-line InputError."""
import json
import os
import random
from datetime import date, datetime, timedelta, timezone

import pytest

from newskg.article import Article
from newskg.errors import InputError, UnsupportedLanguage
from newskg.ingest import article_from_text, read_inputs

ID_TXT = """\
Prabowo Bertemu Xi Jinping di Beijing, Teken Kerja Sama Ekonomi

Sabtu, 9 November 2024 | 20:15 WIB

BEIJING, KOMPAS.com - Presiden Prabowo Subianto bertemu Presiden China Xi Jinping di Aula Besar Rakyat, Beijing, Sabtu (9/11/2024).

Kedua pemimpin menyaksikan penandatanganan sejumlah nota kesepahaman di bidang ekonomi biru dan mineral.

Baca juga: Prabowo Tiba di Beijing, Disambut Menlu China

Editor: Dewi Lestari
"""

EN_TXT = """\
Erdogan visits Egypt for first time in a decade

CAIRO (Reuters) - Turkish President Tayyip Erdogan arrived in Cairo on Wednesday for talks with Egyptian President Abdel Fattah al-Sisi.

The two leaders were expected to discuss the war in Gaza and trade between their countries.

Read more: Turkey and Egypt restore full diplomatic ties
"""

HTML = """\
<html><head><title>Jokowi meets Xi in Bali | Example News</title>
<meta property="og:title" content="Jokowi meets Xi in Bali">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2022-11-16T10:05:00+08:00">
<meta property="og:url" content="https://news.example.org/jokowi-xi">
</head><body><nav>Home | World | Asia</nav>
<article><h1>Jokowi meets Xi in Bali</h1>
<p>NUSA DUA - Indonesian President Joko Widodo met Chinese President Xi Jinping on the sidelines of the G20 summit in Bali on Wednesday, the palace said.</p>
<p>The two leaders discussed the high-speed railway linking Jakarta and Bandung, and agreed to expand trade in agricultural products.</p>
<p>Read more: Biden and Xi hold first in-person talks</p>
</article><footer>Copyright 2022 Example News</footer></body></html>
"""


def write(path, content):
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


# -- .txt ------------------------------------------------------------------------------------------
def test_txt_article_in_both_languages(tmp_path):
    a = only(read_inputs([write(tmp_path / "id.txt", ID_TXT)]))
    assert isinstance(a, Article)
    assert (a.lang, a.title, a.publisher, a.dateline_place) == (
        "id", "Prabowo Bertemu Xi Jinping di Beijing, Teken Kerja Sama Ekonomi", "KOMPAS.com", "BEIJING")
    assert a.published == datetime(2024, 11, 9, 20, 15, tzinfo=timezone(timedelta(hours=7)))
    assert a.editors == ["Dewi Lestari"] and a.related_links == ["Prabowo Tiba di Beijing, Disambut Menlu China"]
    assert a.source == str(tmp_path / "id.txt") and a.warnings == []
    e = only(read_inputs(str(write(tmp_path / "en.txt", EN_TXT))))
    assert (e.lang, e.publisher, e.dateline_place) == ("en", "Reuters", "CAIRO")
    assert e.related_links == ["Turkey and Egypt restore full diplomatic ties"]
    assert "Turkish President Tayyip Erdogan arrived in Cairo" in e.body and "Read more" not in e.body


def test_lang_override(tmp_path):
    a = only(read_inputs([write(tmp_path / "en.txt", EN_TXT)], lang="id"))
    assert a.lang == "id"
    assert only(read_inputs([write(tmp_path / "en.txt", EN_TXT)], lang="auto")).lang == "en"
    err = only(read_inputs([tmp_path / "en.txt"], lang="fr"))
    assert isinstance(err, InputError) and "unsupported language 'fr'" in str(err)


def test_crlf_text_is_normalised(tmp_path):
    a = only(read_inputs([write(tmp_path / "crlf.txt", ID_TXT.replace("\n", "\r\n"))]))
    assert "\r" not in a.text and a.editors == ["Dewi Lestari"]


# -- bad input -------------------------------------------------------------------------------------
def test_empty_and_blank_files(tmp_path):
    for name, content in (("empty.txt", b""), ("blank.txt", b"  \n\n \t\n")):
        err = only(read_inputs([write(tmp_path / name, content)]))
        assert isinstance(err, InputError)
        assert str(err) == f"{tmp_path / name}: empty file"


def test_binary_with_nul_bytes(tmp_path):
    err = only(read_inputs([write(tmp_path / "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")]))
    assert isinstance(err, InputError) and "binary file" in str(err) and "img.txt" in str(err)


def test_binary_noise_without_nul_bytes(tmp_path):
    rng = random.Random(7)
    noise = bytes(rng.randrange(1, 256) for _ in range(4096))
    err = only(read_inputs([write(tmp_path / "noise.txt", noise)]))
    assert isinstance(err, InputError) and "binary file" in str(err)


def test_invalid_utf8_falls_back_to_cp1252_with_warning(tmp_path):
    data = ("Presiden Joko Widodo bertemu Perdana Menteri Jepang di Tokyo pada Kamis. "
            "Keduanya membahas kerja sama energi dan caf\xe9 ekspor kopi.").encode("cp1252")
    a = only(read_inputs([write(tmp_path / "cp.txt", data)]))
    assert isinstance(a, Article) and "café" in a.text and a.lang == "id"
    assert len(a.warnings) == 1 and "not valid UTF-8" in a.warnings[0] and "cp1252" in a.warnings[0]
    assert a.source == str(tmp_path / "cp.txt")   # the warning itself does not repeat the source


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path):
    data = b"President Joko Widodo met Japanese Prime Minister Fumio Kishida in Tokyo \x81 on Thursday."
    a = only(read_inputs([write(tmp_path / "l1.txt", data)]))
    assert "latin-1" in a.warnings[0] and a.lang == "en"


def test_unsupported_language_file(tmp_path):
    text = "Президент России Владимир Путин встретился с председателем КНР Си Цзиньпином в Самарканде."
    err = only(read_inputs([write(tmp_path / "ru.txt", text)]))
    assert isinstance(err, UnsupportedLanguage)
    assert str(err).startswith(f"{tmp_path / 'ru.txt'}: ") and "'ru'" in str(err)
    assert "\n" not in str(err)


def test_unknown_suffix_and_missing_path(tmp_path):
    err = only(read_inputs([write(tmp_path / "report.pdf", b"%PDF-1.4")]))
    assert isinstance(err, InputError) and "unsupported input type '.pdf'" in str(err)
    err = only(read_inputs([tmp_path / "nope.txt"]))
    assert str(err) == f"{tmp_path / 'nope.txt'}: no such file or folder"


@pytest.mark.skipif(getattr(os, "geteuid", lambda: 1)() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    path = write(tmp_path / "locked.txt", ID_TXT)
    path.chmod(0)
    try:
        err = only(read_inputs([path]))
        assert isinstance(err, InputError) and "cannot read" in str(err)
    finally:
        path.chmod(0o644)


# -- folders ---------------------------------------------------------------------------------------
def test_folder_is_read_recursively_in_sorted_order_skipping_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / "b" / "2.txt", EN_TXT)
    write(tmp_path / "a" / "z.txt", ID_TXT)
    write(tmp_path / "a" / "notes.md", "# not an article")
    write(tmp_path / "a" / "photo.jpg", b"\xff\xd8\xff\x00")
    write(tmp_path / ".hidden" / "x.txt", EN_TXT)
    write(tmp_path / "1.TXT", EN_TXT)
    sources = [x.source for x in read_inputs([tmp_path])]
    assert sources == [str(tmp_path / "1.TXT"), str(tmp_path / "a" / "z.txt"), str(tmp_path / "b" / "2.txt")]
    assert sources == [x.source for x in read_inputs([str(tmp_path)])]


def test_empty_folder_is_reported(tmp_path):
    err = only(read_inputs([tmp_path]))
    assert isinstance(err, InputError) and "holds no .txt" in str(err)


# -- .jsonl ----------------------------------------------------------------------------------------
def test_jsonl_records_fields_win_and_bad_lines_are_reported(tmp_path):
    lines = [
        json.dumps({"id": "r1", "text": ID_TXT, "published": "2024-11-10", "url": "https://x.id/1",
                    "publisher": "Kompas", "title": "Judul Lain"}),
        '{"id": "r2", "text": "unterminated',
        "",
        json.dumps({"id": "r3", "url": "https://x.id/3"}),
        json.dumps([1, 2, 3]),
        json.dumps({"id": "r5", "text": "   "}),
        json.dumps({"id": 6, "text": EN_TXT, "lang": "en"}),
        json.dumps({"id": "r7", "text": EN_TXT, "published": "yesterday"}),
        json.dumps({"id": "r8", "text": EN_TXT, "lang": "fr"}),
        json.dumps({"id": "r9", "text": EN_TXT, "url": 9}),
    ]
    path = write(tmp_path / "corpus.jsonl", "\n".join(lines) + "\n")
    out = list(read_inputs([path]))
    good = [x for x in out if isinstance(x, Article)]
    bad = [str(x) for x in out if isinstance(x, InputError)]
    assert [a.id for a in good] == ["r1", "6"]
    r1 = good[0]
    assert (r1.published, r1.url, r1.publisher, r1.title) == (date(2024, 11, 10), "https://x.id/1", "Kompas", "Judul Lain")
    assert r1.source == f"{path}:1" and r1.editors == ["Dewi Lestari"] and "Baca juga" not in r1.body
    assert good[1].source == f"{path}:7" and good[1].lang == "en"
    p = str(path)
    assert bad[0].startswith(f"{p}:2: not valid JSON")
    assert bad[1] == f"{p}:4: the record has no 'text' (a non-empty string is required)"
    assert bad[2] == f"{p}:5: a record must be a JSON object, not an array"
    assert bad[3].startswith(f"{p}:6: the record has no 'text'")
    assert bad[4] == f"{p}:8: 'published' is not an ISO date or date-time: 'yesterday'"
    assert bad[5].startswith(f"{p}:9: unsupported language 'fr'")
    assert bad[6] == f"{p}:10: 'url' must be a string, not a number"
    assert len(out) == 9


def test_jsonl_record_in_unsupported_language(tmp_path):
    rec = {"id": "ru", "text": "Президент России Владимир Путин встретился с председателем КНР Си Цзиньпином."}
    path = write(tmp_path / "c.jsonl", json.dumps(rec, ensure_ascii=False) + "\n")
    err = only(read_inputs([path]))
    assert isinstance(err, UnsupportedLanguage) and str(err).startswith(f"{path}:1: ")


def test_empty_jsonl(tmp_path):
    err = only(read_inputs([write(tmp_path / "c.jsonl", b"")]))
    assert str(err) == f"{tmp_path / 'c.jsonl'}: empty file"


def test_jsonl_is_read_a_line_at_a_time_and_only_bad_lines_get_a_warning(tmp_path):
    good = json.dumps({"id": "a", "text": EN_TXT}).encode()
    latin = json.dumps({"id": "b", "text": EN_TXT.replace("Cairo", "Caf\u00e9")},
                       ensure_ascii=False).encode("cp1252")
    path = write(tmp_path / "c.jsonl", b"\xef\xbb\xbf" + good + b"\r\n" + latin + b"\n\n" + good.replace(b'"a"', b'"c"'))
    items = read_inputs([path])
    first = next(items)
    assert first.id == "a" and first.warnings == []
    rest = list(items)
    assert [a.id for a in rest] == ["b", "c"] and rest[1].warnings == []
    offset = len(good) + 5 + latin.index(b"\xe9")
    assert rest[0].warnings == [f"not valid UTF-8 (byte 0xe9 at offset {offset}); read as cp1252"]
    assert "Caf\u00e9" in rest[0].text


def test_count_inputs_counts_records_and_files_without_reading_articles(tmp_path):
    from newskg.ingest import count_inputs
    (tmp_path / "d").mkdir()
    write(tmp_path / "d" / "c.jsonl", "\n".join(['{"text": "x"}'] * 5) + "\n\n  \n")
    write(tmp_path / "d" / "a.txt", EN_TXT)
    write(tmp_path / "d" / "notes.md", "not an input")
    write(tmp_path / "b.html", HTML)
    assert count_inputs([tmp_path / "d", tmp_path / "b.html", tmp_path / "missing.txt"]) == 7


# -- .html -----------------------------------------------------------------------------------------
def test_html_page(tmp_path):
    a = only(read_inputs([write(tmp_path / "page.html", HTML)]))
    assert isinstance(a, Article), a
    assert a.title == "Jokowi meets Xi in Bali" and a.publisher == "Example News"
    assert a.published == datetime(2022, 11, 16, 10, 5, tzinfo=timezone(timedelta(hours=8)))
    assert a.url == "https://news.example.org/jokowi-xi" and a.lang == "en"
    assert a.text.startswith("Jokowi meets Xi in Bali\n") and a.text.count("Jokowi meets Xi in Bali") == 1
    assert "Indonesian President Joko Widodo met Chinese President Xi Jinping" in a.body
    assert a.related_links == ["Biden and Xi hold first in-person talks"]
    assert a.dateline_place == "NUSA DUA"


def test_html_without_main_text(tmp_path):
    path = write(tmp_path / "nav.htm", "<html><head><title>Nothing</title></head>"
                                       "<body><nav>Home | News</nav></body></html>")
    err = only(read_inputs([path]))
    assert isinstance(err, InputError) and str(err) == f"{path}: no main text found (the page holds no article paragraphs)"


# -- article_from_text -----------------------------------------------------------------------------
def test_article_from_text_given_fields_win():
    a = article_from_text(ID_TXT, id="k1", url="https://k.id/1", title="Judul", publisher="Kompas",
                          published=datetime(2024, 11, 9, 21, 0))
    assert (a.id, a.url, a.title, a.publisher, a.published) == (
        "k1", "https://k.id/1", "Judul", "Kompas", datetime(2024, 11, 9, 21, 0))
    assert a.source == "<text>" and a.lang == "id"
    assert article_from_text(ID_TXT, published="2024-11-09").published == date(2024, 11, 9)


def test_article_from_text_errors():
    with pytest.raises(InputError, match="empty article"):
        article_from_text("  \n")
    with pytest.raises(InputError, match="'published' is not an ISO date"):
        article_from_text(EN_TXT, published="09/11/2024")
    with pytest.raises(UnsupportedLanguage, match="<text>: the text is in 'ru'"):
        article_from_text("Президент России Владимир Путин встретился с председателем КНР Си Цзиньпином.")
