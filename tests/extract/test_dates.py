"""Date expressions in Indonesian and English news sentences (newskg.extract.dates)."""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from newskg.extract.dates import DateMention, find_dates, resolve_date
from newskg.facts import PartialDate

MON_2022_09_12 = date(2022, 9, 12)      # a Monday


def pd(iso: str) -> PartialDate:
    return PartialDate(*(int(x) for x in iso.split("-")))


# (lang, published, tense, sentence, expected span text, expected ISO value, relative)
FOUND = [
    # --- written in full
    ("id", MON_2022_09_12, None, "Presiden Joko Widodo bertemu Xi Jinping pada 12 September 2022 di Beijing.",
     "12 September 2022", "2022-09-12", False),
    ("id", date(2023, 6, 7), None, "Kunjungan itu berlangsung Selasa, 6 Juni 2023, di Istana Merdeka.",
     "Selasa, 6 Juni 2023", "2023-06-06", False),
    ("id", date(2023, 6, 7), "past", "Menlu Retno menerima kunjungan Menlu Australia, Selasa (6/6/2023).",
     "Selasa (6/6/2023)", "2023-06-06", False),
    ("id", date(2024, 11, 10), "past", "Prabowo melakukan kunjungan kenegaraan ke China, Sabtu (09/11/2024).",
     "Sabtu (09/11/2024)", "2024-11-09", False),
    ("id", date(2023, 5, 11), "past", "KTT dibuka di Labuan Bajo pada Rabu 10 Mei 2023 oleh Presiden.",
     "Rabu 10 Mei 2023", "2023-05-10", False),
    ("id", date(2017, 4, 10), None, "Pameran berlangsung mulai Jumat (14 April 2017) di Jakarta.",
     "Jumat (14 April 2017)", "2017-04-14", False),
    ("en", date(2023, 11, 16), "past", "Biden and Xi met near San Francisco on Nov. 15, 2023.",
     "Nov. 15, 2023", "2023-11-15", False),
    ("en", date(2022, 9, 20), "past", "The talks were held on September 12, 2022 in Samarkand.",
     "September 12, 2022", "2022-09-12", False),
    ("en", date(2020, 12, 7), "past", "In this file photo taken on Sept.20, 2016, the president waits for a meeting.",
     "Sept.20, 2016", "2016-09-20", False),
    ("en", date(2024, 4, 2), "past", "Xi and Prabowo shake hands in Beijing, China April 1, 2024.",
     "April 1, 2024", "2024-04-01", False),
    ("en", date(2023, 11, 16), "past", "The leaders met on Wednesday, November 15th, 2023, for four hours.",
     "Wednesday, November 15th, 2023", "2023-11-15", False),
    ("en", date(2022, 9, 13), None, "The statement, dated 2022-09-12, called for restraint.",
     "2022-09-12", "2022-09-12", False),
    # all-number dates: the file's order (en: MDY) unless the publication date says otherwise
    ("en", date(2022, 9, 20), "past", "The agreement was signed on 12/9/2022 in Jakarta.",
     "12/9/2022", "2022-09-12", False),
    ("en", date(2023, 3, 6), "past", "The memo is dated 3/4/2023 and was leaked to reporters.",
     "3/4/2023", "2023-03-04", False),
    ("id", date(2022, 9, 20), "past", "Perjanjian itu diteken pada 12/9/2022 di Jakarta.",
     "12/9/2022", "2022-09-12", False),
    # --- a day-month whose year comes from the publication date
    ("id", MON_2022_09_12, "future", "Pertemuan Vladimir Putin dan Xi Jinping dijadwalkan pada hari Rabu (14/9).",
     "Rabu (14/9)", "2022-09-14", True),
    ("id", date(2025, 9, 1), "past", "Xi mengumpulkan para pemimpin di Tianjin, Minggu (31/8), untuk KTT SCO.",
     "Minggu (31/8)", "2025-08-31", True),
    ("id", date(2023, 1, 2), "past", "Undangan resmi disampaikan lewat panggilan video pada Jumat (30/12).",
     "Jumat (30/12)", "2022-12-30", True),
    ("id", date(2022, 12, 29), "future", "KTT luar biasa akan digelar Senin (2/1) di Jakarta.",
     "Senin (2/1)", "2023-01-02", True),
    ("id", date(2025, 8, 31), "future", "Presiden berangkat ke Beijing Senin (1/9) pagi.",
     "Senin (1/9)", "2025-09-01", True),
    ("id", date(2020, 10, 29), "past", "Mike Pompeo bertemu dengan Presiden Joko Widodo di Istana Bogor (29/10).",
     "(29/10)", "2020-10-29", True),
    ("id", date(2016, 10, 29), "past", "Listrik padam karena gangguan teknis, Jumat pagi (28/10).",
     "Jumat pagi (28/10)", "2016-10-28", True),
    ("id", date(2017, 5, 12), "past", "Tersangka ditahan sejak Rabu (10/5) lalu di Polda Metro Jaya.",
     "Rabu (10/5) lalu", "2017-05-10", True),
    ("id", date(2022, 7, 27), "past", "Jokowi bertemu Xi di Beijing, Selasa waktu setempat, 26 Juli 2022.",
     "Selasa waktu setempat, 26 Juli 2022", "2022-07-26", False),
    ("id", date(2017, 3, 28), "past", "ucap Zulkifli di Gedung DPR , Senayan , Jakarta , Senin ( 27 / 3 ) .",
     "Senin ( 27 / 3 )", "2017-03-27", True),
    ("id", date(2023, 7, 20), "past", "Konferensi Tingkat Tinggi NATO diakhiri pada tgl 12 Juli di Vilnius.",
     "12 Juli", "2023-07-12", True),
    ("en", date(2017, 8, 8), "past", "ASEAN leaders pose after the signing in Manila on April 29.",
     "April 29", "2017-04-29", True),
    ("en", date(2024, 11, 17), "past", "The leaders met on the sidelines of the meeting on Nov 15 in Lima, Peru.",
     "Nov 15", "2024-11-15", True),
    ("id", date(2022, 6, 20), "future", "Jokowi disebut bakal bertemu Putin di Moskow pada 30 Juni ini.",
     "30 Juni ini", "2022-06-30", True),
    # --- ranges give their first day
    ("id", MON_2022_09_12, None, "KTT SCO digelar pada 14-16 September 2022 di Samarkand.",
     "14-16 September 2022", "2022-09-14", False),
    ("id", MON_2022_09_12, None, "KTT akan berlangsung pada 15-16 November, jadi masih ada banyak waktu.",
     "15-16 November", "2022-11-15", True),
    ("id", date(2015, 9, 8), "future", "Retno akan berada di AS pada tanggal 21 dan 22 September 2015.",
     "21 dan 22 September 2015", "2015-09-21", False),
    ("en", date(2023, 11, 10), "future", "The APEC summit runs Nov. 15-17 in San Francisco.",
     "Nov. 15-17", "2023-11-15", True),
    ("id", date(2022, 8, 1), "future", "Pameran dibuka 30 Agustus - 2 September 2022 di Bali.",
     "30 Agustus - 2 September 2022", "2022-08-30", False),
    # --- months
    ("id", MON_2022_09_12, None, "Kesepakatan itu akan diteken pada Juni 2023 di Jakarta.",
     "Juni 2023", "2023-06", False),
    ("en", date(2023, 11, 15), "past", "Positive momentum from November 2022 talks between Xi and Biden in Bali was lost.",
     "November 2022", "2022-11", False),
    ("id", date(2022, 4, 16), "future", "Biden akan bertemu pemimpin ASEAN pada pertengahan Mei 2022 secara virtual.",
     "pertengahan Mei 2022", "2022-05", False),
    ("en", date(2023, 11, 15), "past", "Blinken's eventual trip to China in June signalled a thaw.",
     "June", "2023-06", True),
    ("id", date(2022, 12, 31), "past", "Pada bulan Februari, Putin mengunjungi Beijing selama Olimpiade.",
     "Februari", "2022-02", True),
    ("en", date(2016, 3, 21), "past", "They first shook hands last April at a summit meeting in Panama.",
     "last April", "2015-04", True),
    ("id", date(2023, 9, 1), "past", "Kedua pemimpin terakhir bertemu Juni lalu di Jakarta.",
     "Juni lalu", "2023-06", True),
    ("id", date(2023, 3, 1), "past", "Kunjungan itu dilakukan pada Juni tahun lalu.",
     "Juni tahun lalu", "2022-06", True),
    ("id", date(2015, 9, 8), "future", "Presiden akan menyambangi AS pada akhir Oktober.",
     "akhir Oktober", "2015-10", True),
    ("id", MON_2022_09_12, None, "Pertemuan lanjutan direncanakan bulan depan.", "bulan depan", "2022-10", True),
    ("en", date(2007, 11, 27), "future", "Leaders will gather in Lisbon next month.", "next month", "2007-12", True),
    ("en", date(2023, 11, 15), "past", "Exports fell sharply last month.", "last month", "2023-10", True),
    ("en", date(2024, 7, 3), "future", "Modi, who is expected in Moscow later this month, will skip the summit.",
     "later this month", "2024-07", True),
    ("en", date(2023, 11, 15), "past", "The envoy arrived in Beijing earlier this month.",
     "earlier this month", "2023-11", True),
    # --- years
    ("id", MON_2022_09_12, None, "Kedua negara menjalin kemitraan strategis pada 2001.", "2001", "2001", False),
    ("id", date(2022, 12, 31), "past", "Putin dan Xi bertemu langsung dua kali pada tahun 2022.", "2022", "2022", False),
    ("en", date(2023, 8, 22), "past", "The Chinese leader previously visited South Africa in 2018.", "2018", "2018", False),
    ("en", date(2024, 2, 14), "past", "Erdogan made his first visit to Egypt since 2012 to meet al-Sisi.", "2012", "2012", False),
    ("en", date(2023, 8, 22), "past", "It is Xi's second international trip of 2023.", "2023", "2023", False),
    ("id", MON_2022_09_12, "future", "KTT berikutnya akan diadakan tahun depan di Laos.", "tahun depan", "2023", True),
    ("en", date(2024, 11, 17), "future", "The King and Queen will visit China next year.", "next year", "2025", True),
    ("id", MON_2022_09_12, "past", "Tahun lalu, nilai perdagangan kedua negara naik tajam.", "Tahun lalu", "2021", True),
    ("en", date(2024, 7, 3), "past", "At last year's virtual summit, the group criticised missile defence.",
     "last year", "2023", True),
    ("id", MON_2022_09_12, "past", "Dua tahun lalu kedua pemimpin bertemu di Bali.", "Dua tahun lalu", "2020", True),
    ("en", MON_2022_09_12, "past", "The pair met two years ago in Bali.", "two years ago", "2020", True),
    ("id", MON_2022_09_12, "past", "Kerja sama itu dimulai setahun lalu.", "setahun lalu", "2021", True),
    # --- days counted from the publication date
    ("id", MON_2022_09_12, None, "Rapat kabinet digelar hari ini di Istana Bogor.", "hari ini", "2022-09-12", True),
    ("id", MON_2022_09_12, None, "Menlu Retno tiba di Jakarta kemarin.", "kemarin", "2022-09-11", True),
    ("id", MON_2022_09_12, None, "Presiden akan bertolak ke Tokyo besok.", "besok", "2022-09-13", True),
    ("id", MON_2022_09_12, None, "Delegasi Jepang dijadwalkan tiba lusa.", "lusa", "2022-09-14", True),
    ("en", date(2024, 6, 22), "past", "Hasina was today given a warm welcome by Modi.", "today", "2024-06-22", True),
    ("en", date(2024, 2, 14), "past", "Egypt, Israel and Qatar held talks yesterday in Cairo.", "yesterday", "2024-02-13", True),
    ("en", MON_2022_09_12, "future", "The foreign ministers will meet tomorrow in Geneva.", "tomorrow", "2022-09-13", True),
    ("en", date(2022, 9, 16), "future", "Sharif will meet Xi today (Friday) in Samarkand.",
     "today (Friday)", "2022-09-16", True),
    # --- weekdays
    ("id", MON_2022_09_12, "future", "Presiden akan menerima PM Malaysia Rabu depan.", "Rabu depan", "2022-09-14", True),
    ("id", MON_2022_09_12, "past", "Kedua menteri bertemu Selasa lalu di Bali.", "Selasa lalu", "2022-09-06", True),
    ("id", MON_2022_09_12, "future", "Kedua menteri akan bertemu Rabu pekan depan.", "Rabu pekan depan", "2022-09-21", True),
    ("en", date(2023, 11, 15), "past", "He met the Chinese premier last Tuesday.", "last Tuesday", "2023-11-14", True),
    ("en", date(2023, 11, 15), "future", "They will meet again next Tuesday.", "next Tuesday", "2023-11-21", True),
    ("en", date(2023, 11, 15), "past", "Biden and Xi arrived in San Francisco on Tuesday.", "Tuesday", "2023-11-14", True),
    ("en", date(2023, 11, 15), "future", "The two presidents are expected to meet Wednesday on the sidelines.",
     "Wednesday", "2023-11-15", True),
    ("en", date(2023, 10, 16), "future", "Jokowi will head to Riyadh on Wednesday following his Beijing trip.",
     "Wednesday", "2023-10-18", True),
    ("en", date(2016, 3, 21), "past", "Obama arrived in Cuba on Sunday for a two-day visit.", "Sunday", "2016-03-20", True),
    ("id", date(2025, 8, 31), "future", "Putin diperkirakan akan mengadakan pembicaraan pada Senin dengan Erdogan.",
     "Senin", "2025-09-01", True),
    ("id", date(2025, 8, 31), "past", "Presiden Rusia Vladimir Putin tiba di Tianjin pada Minggu bersama rombongan.",
     "Minggu", "2025-08-31", True),
    ("id", date(2011, 3, 22), "past", "Presiden menerima kunjungan PM Timor Leste di Istana Merdeka, Jakarta, Selasa.",
     "Selasa", "2011-03-22", True),
    ("id", MON_2022_09_12, "past", "Pada Minggu lalu dia datang ke Jakarta.", "Minggu lalu", "2022-09-11", True),
    # --- weeks and weekends
    ("id", MON_2022_09_12, "future", "Putin dijadwalkan bertemu dengan Xi Jinping pekan ini.", "pekan ini", "2022-09", True),
    ("id", MON_2022_09_12, "future", "Pertemuan itu digelar minggu ini.", "minggu ini", "2022-09", True),
    ("en", MON_2022_09_12, "future", "Officials will visit Jakarta this week.", "this week", "2022-09", True),
    ("id", date(2022, 9, 26), "future", "Pekan depan Presiden akan ke Tokyo.", "Pekan depan", "2022-10", True),
    ("en", date(2023, 11, 28), "future", "Talks continue next week in Geneva.", "next week", "2023-12", True),
    ("id", date(2022, 10, 3), "past", "Pekan lalu, Menlu bertemu Blinken di New York.", "Pekan lalu", "2022-09", True),
    ("en", date(2023, 11, 3), "past", "Talks collapsed last week.", "last week", "2023-10", True),
    ("id", date(2022, 10, 3), "past", "Minggu lalu, Presiden mengunjungi Kyiv.", "Minggu lalu", "2022-09", True),
    ("id", MON_2022_09_12, "future", "Konser itu digelar akhir pekan ini di Jakarta.", "akhir pekan ini", "2022-09-17", True),
    ("en", date(2022, 9, 18), "past", "The minister travelled to Bali this weekend.", "this weekend", "2022-09-17", True),
]


@pytest.mark.parametrize("lang,published,tense,sentence,span,iso,relative", FOUND)
def test_finds_and_resolves(lang, published, tense, sentence, span, iso, relative):
    found = find_dates(sentence, lang, published, tense=tense)
    assert [(m.text, m.value, m.relative) for m in found] == [(span, pd(iso), relative)]
    m = found[0]
    assert sentence[m.start:m.end] == m.text


NOT_DATES = [
    ("id", "Kunjungan ini menandai pertama kalinya Xi meninggalkan China setelah 2 tahun pandemi."),
    ("id", "Pejabat tinggi dari sekitar 20 negara Eurasia hadir di KTT G20."),
    ("id", "Hubungan diplomatik kedua negara telah terjalin selama 80 tahun."),
    ("id", "Beberapa tahun lalu hubungan keduanya sempat memburuk."),
    ("id", "Bus Metromini melaju dari Blok M menuju Pasar Minggu."),
    ("id", "Acara dimulai pukul 10.00 WIB dan selesai pukul 12.30 WIB."),
    ("id", "Nilai ekspor mencapai 12,57 miliar dolar AS atau naik 2.022 unit."),
    ("id", "Ketua ASEAN 2025 membuka pertemuan dengan pidato."),
    ("en", "The forum brings together 21 economies, which account for about 60 percent of the world economy."),
    ("en", "The United States sent 2,000 troops to the region."),
    ("en", "The G20 Summit 2022 communique was adopted by consensus."),
    ("en", "Theresa May said the talks were constructive."),
    ("en", "Several years ago the pair fell out over trade."),
    ("en", "He told BBC Radio 4's Today programme that he would resign."),
    ("en", "Sheffield Wednesday beat Arsenal at Hillsborough."),
    ("en", "The book was serialised in the Sunday Telegraph."),
    ("en", "Over the coming months, the ministers will meet regularly."),
    ("en", "The last week has shown how fragile the truce is."),
    ("en", "The score was 3-2 and the ratio of votes was 14/9."),
    ("en", "Production rose 2.5% in the fourth quarter to 1,950 units."),
    ("en", "The company's 1990s expansion and its 2014-15 restructuring cut costs."),
    ("en", "The March of the Penguins was screened in Jakarta."),
]


@pytest.mark.parametrize("lang,sentence", NOT_DATES)
def test_numbers_names_and_durations_are_not_dates(lang, sentence):
    assert find_dates(sentence, lang, MON_2022_09_12, tense="past") == []


def test_several_dates_in_one_sentence_come_in_order():
    s = "Putin dan Xi bertemu pada Februari 2022, lalu pada 2023 dan 2024 bertemu lagi, dan akan bertemu Rabu (14/9)."
    found = find_dates(s, "id", MON_2022_09_12)
    assert [(m.text, m.value.iso) for m in found] == [
        ("Februari 2022", "2022-02"), ("2023", "2023"), ("2024", "2024"), ("Rabu (14/9)", "2022-09-14")]
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_listed_years_each_become_a_mention():
    s = "The latest agreement builds on two previous deals signed in 2022 and 2024."
    found = find_dates(s, "en", date(2025, 12, 29), tense="past")
    assert [(m.text, m.value) for m in found] == [("2022", PartialDate(2022)), ("2024", PartialDate(2024))]


# --- tense decides bare weekdays and months


@pytest.mark.parametrize("tense,iso", [("past", "2022-09-07"), ("future", "2022-09-14"), (None, "2022-09-14")])
def test_bare_weekday_follows_tense(tense, iso):
    # published Monday 12 Sept: the Wednesday before is 5 days back, the one after 2 days ahead
    [m] = find_dates("Kedua pemimpin bertemu pada Rabu di Istana.", "id", MON_2022_09_12, tense=tense)
    assert m.value == pd(iso)


@pytest.mark.parametrize("tense,iso", [("past", "2022-09-09"), ("future", "2022-09-16"), (None, "2022-09-09")])
def test_bare_english_weekday_follows_tense(tense, iso):
    # Friday: 3 days back, 4 days ahead -> the nearest is the past one
    [m] = find_dates("The ministers meet on Friday in Geneva.", "en", MON_2022_09_12, tense=tense)
    assert m.value == pd(iso)


@pytest.mark.parametrize("tense", ["past", "future", None])
def test_weekday_of_publication_is_the_publication_date(tense):
    [m] = find_dates("Presiden membuka KTT, Senin.", "id", MON_2022_09_12, tense=tense)
    assert m.value == pd("2022-09-12")


@pytest.mark.parametrize("tense,iso", [("past", "2022-06"), ("future", "2023-06"), (None, "2023-06")])
def test_bare_month_follows_tense(tense, iso):
    [m] = find_dates("The two leaders meet in June in Paris.", "en", date(2023, 3, 15), tense=tense)
    assert m.value == pd(iso)


@pytest.mark.parametrize("tense,iso", [("past", "2022-02-05"), ("future", "2023-02-05"), (None, "2023-02-05")])
def test_day_month_far_from_publication_follows_tense(tense, iso):
    [m] = find_dates("Kedua menteri bertemu pada 5 Februari di Jakarta.", "id", date(2022, 12, 31), tense=tense)
    assert m.value == pd(iso)


def test_day_month_close_to_publication_ignores_a_contrary_tense():
    [m] = find_dates("Pertemuan itu digelar Rabu (14/9).", "id", MON_2022_09_12, tense="past")
    assert m.value == pd("2022-09-14")


def test_weekday_picks_the_year_of_a_day_month():
    # 2 January is a Monday in 2023, not in 2022: published mid-year, the weekday decides
    [m] = find_dates("Rapat digelar Senin (2/1).", "id", date(2022, 7, 1))
    assert m.value == pd("2023-01-02")


def test_bad_tense_is_refused():
    with pytest.raises(ValueError):
        find_dates("Rabu (14/9)", "id", MON_2022_09_12, tense="later")


# --- no publication date


@pytest.mark.parametrize("lang,sentence,expected", [
    ("id", "Pertemuan berlangsung 12 September 2022 di Samarkand.", ["2022-09-12"]),
    ("id", "Pertemuan berlangsung Rabu (14/9) di Samarkand.", []),
    ("id", "Menlu bertemu Blinken, Selasa (14/6/2022).", ["2022-06-14"]),
    ("id", "Presiden tiba kemarin di Jakarta.", []),
    ("id", "Jokowi bertemu Putin di Moskow pada 30 Juni ini.", []),
    ("id", "Bergabungnya Indonesia disepakati pada Agustus 2023.", ["2023-08"]),
    ("en", "Blinken travelled to China in June.", []),
    ("en", "Obama and Castro first met in 2015 in Panama.", ["2015"]),
    ("en", "Biden met ASEAN leaders on Oct. 26, 2021 and again last year.", ["2021-10-26"]),
])
def test_without_publication_date_only_written_years_resolve(lang, sentence, expected):
    assert [m.value.iso for m in find_dates(sentence, lang, None)] == expected


# --- offsets


def test_spans_are_shifted_by_offset_into_the_article():
    article = ("Kekalahan Rusia di depan mata.\n\nPutin dijadwalkan bertemu Xi Jinping pekan ini. "
               "Pertemuan dijadwalkan pada hari Rabu (14/9).")
    sentence_start = article.index("Pertemuan")
    sentence = article[sentence_start:]
    [m] = find_dates(sentence, "id", MON_2022_09_12, offset=sentence_start)
    assert article[m.start:m.end] == m.text == "Rabu (14/9)"
    assert m == DateMention(m.start, m.end, "Rabu (14/9)", PartialDate(2022, 9, 14), True)


def test_seed_article_dates():
    text = (Path(__file__).parents[2] / "src/newskg/examples/nextren-2022-09-12-putin-xi.txt").read_text("utf-8")
    found = find_dates(text, "id", MON_2022_09_12)
    by_text = {m.text: m.value.iso for m in found}
    assert by_text["Senin, 12 September 2022"] == "2022-09-12"
    assert by_text["Rabu (14/9)"] == "2022-09-14"
    assert by_text["pekan ini"] == "2022-09"
    for m in found:
        assert text[m.start:m.end] == m.text


# --- resolve_date


@pytest.mark.parametrize("expr,lang,published,tense,expected", [
    ("Rabu depan", "id", MON_2022_09_12, None, "2022-09-14"),
    ("Selasa lalu", "id", date(2023, 6, 8), None, "2023-06-06"),
    ("on Nov. 15, 2023", "en", None, None, "2023-11-15"),
    ("pada Juni 2023", "id", None, None, "2023-06"),
    ("in June", "en", date(2023, 11, 15), "past", "2023-06"),
    ("in 3 days", "en", MON_2022_09_12, None, "2022-09-15"),      # dateparser fills in
    ("tahun lalu", "id", MON_2022_09_12, None, "2021"),
])
def test_resolve_date(expr, lang, published, tense, expected):
    assert resolve_date(expr, lang, published, tense) == pd(expected)


@pytest.mark.parametrize("expr,lang,published", [
    ("tanpa tanggal", "id", MON_2022_09_12),
    ("31 Februari 2022", "id", MON_2022_09_12),
    ("Rabu (14/9)", "id", None),
    ("", "en", MON_2022_09_12),
])
def test_resolve_date_none(expr, lang, published):
    assert resolve_date(expr, lang, published) is None


def test_publication_datetime_is_read_as_its_date():
    [m] = find_dates("Menlu tiba kemarin.", "id", datetime(2022, 9, 12, 23, 30))
    assert m.value == pd("2022-09-11")


def test_language_without_data_finds_nothing():
    assert find_dates("12 September 2022", "xx", MON_2022_09_12) == []


# --- measured on the gold evidence of the dev set (reported, not asserted)

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev"


@pytest.mark.skipif(not DEV.is_dir(), reason="evaluation data not present")
def test_report_gold_dates_found_in_evidence():
    hit = total = with_dates = hit_with_dates = 0
    for f in sorted(DEV.glob("*.json")):
        doc = json.loads(f.read_text("utf-8"))
        if not doc.get("published"):
            continue
        published = date.fromisoformat(doc["published"][:10])
        for ev in doc.get("events", []):
            if not ev.get("date"):
                continue
            tense = "past" if ev.get("status") == "occurred" else "future"
            evidence = ev.get("evidence", "")
            found = find_dates(evidence, doc["lang"], published, tense=tense)
            assert all(evidence[m.start:m.end] == m.text for m in found)
            values = {m.value.iso for m in found}
            total += 1
            hit += ev["date"] in values
            if values:
                with_dates += 1
                hit_with_dates += ev["date"] in values
    if total:
        print(f"\ngold event dates found in their evidence: {hit}/{total} = {hit / total:.1%}; "
              f"where the evidence has a date: {hit_with_dates}/{with_dates} = {hit_with_dates / max(with_dates, 1):.1%}")
