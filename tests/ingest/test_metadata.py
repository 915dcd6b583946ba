"""Metadata lines of news texts in both languages: each kind found, and body sentences left alone."""
from datetime import date, datetime, timedelta, timezone

import pytest

from newskg.article import Article
from newskg.ingest.metadata import find_metadata

WIB = timezone(timedelta(hours=7))

ID_ARTICLE = """\
Nasional
Jokowi Terima Kunjungan PM Malaysia di Istana Bogor, Bahas Perbatasan

Kamis, 23 Oktober 2015 10:43 WIB
Penulis: Rina Kusuma | Editor: Bagus Pratama

Presiden Joko Widodo menyambut PM Malaysia di Istana Bogor. (FOTO ANTARA/Dedi Wijaya)

BOGOR, KOMPAS.com - Presiden Joko Widodo menerima kunjungan Perdana Menteri Malaysia di Istana Bogor, Kamis (23/10/2015).

Kedua pemimpin membahas penyelesaian batas wilayah laut di Selat Malaka.

Baca juga: Jokowi Tiba di Kuala Lumpur untuk KTT ASEAN

"Kami sepakat mempercepat perundingan," kata Jokowi.(rin/bgs)

BACA JUGA:
Menlu Retno Bertemu Menlu Malaysia di Jakarta

Tags: Jokowi, Malaysia, Perbatasan
"""

EN_ARTICLE = """\
World
Asia
Biden and Xi agree to resume military talks at California summit
Leaders meet for four hours on the sidelines of the APEC forum
PUBLISHED : 16 Nov 2023 at 10:05
WRITER:
Reuters
  Small
  Medium
  Large
US President Joe Biden shakes hands with Chinese President Xi Jinping in Woodside. (Photo: Reuters)
WOODSIDE, California, Nov 15 (Reuters) - US President Joe Biden and Chinese President Xi Jinping agreed on Wednesday to resume military-to-military communications.
ADVERTISEMENT
The two leaders met for about four hours at a country estate south of San Francisco.
RELATED
world
Blinken arrives in Tokyo ahead of G7 ministers meeting
Read more: Xi lands in San Francisco for first US visit in six years
"It's paramount that you and I understand each other clearly," Biden told Xi.
Share this article
Facebook
(Reporting by Trevor Hunnicutt and Jeff Mason; Editing by Don Durfee)
"""


def seg_texts(text, md, kind):
    return [text[s.start:s.end] for s in md.segments if s.kind == kind]


def body_of(text, md):
    return Article(text=text, segments=md.segments).body


class TestIndonesianPage:
    md = find_metadata(ID_ARTICLE)

    def test_title_after_section_label(self):
        assert self.md.title == "Jokowi Terima Kunjungan PM Malaysia di Istana Bogor, Bahas Perbatasan"
        assert seg_texts(ID_ARTICLE, self.md, "boilerplate")[0] == "Nasional"

    def test_date_line_with_zone(self):
        assert self.md.published == datetime(2015, 10, 23, 10, 43, tzinfo=WIB)
        assert seg_texts(ID_ARTICLE, self.md, "date") == ["Kamis, 23 Oktober 2015 10:43 WIB"]

    def test_writer_and_editor_on_one_line(self):
        assert self.md.authors == ["Rina Kusuma"]
        assert self.md.editors == ["Bagus Pratama"]

    def test_dateline_prefix_only(self):
        assert self.md.publisher == "KOMPAS.com"
        assert self.md.dateline_place == "BOGOR"
        assert seg_texts(ID_ARTICLE, self.md, "dateline") == ["BOGOR, KOMPAS.com - "]
        body = body_of(ID_ARTICLE, self.md)
        assert "Presiden Joko Widodo menerima kunjungan Perdana Menteri Malaysia" in body
        assert "KOMPAS.com" not in body

    def test_photo_credit_at_end_of_caption(self):
        assert self.md.credits == ["FOTO ANTARA/Dedi Wijaya"]
        body = body_of(ID_ARTICLE, self.md)
        assert "Presiden Joko Widodo menyambut PM Malaysia di Istana Bogor." in body
        assert "Dedi" not in body

    def test_related_links_inline_and_below_label(self):
        assert self.md.related_links == ["Jokowi Tiba di Kuala Lumpur untuk KTT ASEAN",
                                         "Menlu Retno Bertemu Menlu Malaysia di Jakarta"]
        body = body_of(ID_ARTICLE, self.md)
        assert "Kuala Lumpur" not in body and "Menlu Retno" not in body

    def test_initials_after_quote_are_blanked_but_quote_stays(self):
        body = body_of(ID_ARTICLE, self.md)
        assert '"Kami sepakat mempercepat perundingan," kata Jokowi.' in body
        assert "rin/bgs" not in body

    def test_tags(self):
        assert self.md.tags == ["Jokowi", "Malaysia", "Perbatasan"]

    def test_body_paragraphs_untouched(self):
        body = body_of(ID_ARTICLE, self.md)
        assert "Kedua pemimpin membahas penyelesaian batas wilayah laut di Selat Malaka." in body


class TestEnglishPage:
    md = find_metadata(EN_ARTICLE)

    def test_title_after_two_section_labels(self):
        assert self.md.title == "Biden and Xi agree to resume military talks at California summit"

    def test_published_label_date_line(self):
        assert self.md.published == datetime(2023, 11, 16, 10, 5)

    def test_writer_label_with_name_below(self):
        assert self.md.authors[0] == "Reuters"

    def test_wire_dateline_with_date_and_agency(self):
        assert self.md.publisher == "Reuters"
        assert self.md.dateline_place == "WOODSIDE, California"
        assert seg_texts(EN_ARTICLE, self.md, "dateline") == ["WOODSIDE, California, Nov 15 (Reuters) - "]

    def test_furniture_lines(self):
        plate = seg_texts(EN_ARTICLE, self.md, "boilerplate")
        for line in ("Small", "Medium", "Large", "ADVERTISEMENT", "Share this article", "Facebook"):
            assert line in plate

    def test_related_block_and_read_more(self):
        assert self.md.related_links == ["Blinken arrives in Tokyo ahead of G7 ministers meeting",
                                         "Xi lands in San Francisco for first US visit in six years"]
        body = body_of(EN_ARTICLE, self.md)
        assert "Blinken" not in body and "Tokyo" not in body

    def test_reuters_footer_names(self):
        assert self.md.authors[1:] == ["Trevor Hunnicutt", "Jeff Mason"]
        assert self.md.editors == ["Don Durfee"]

    def test_caption_credit_and_quote_stay_body(self):
        body = body_of(EN_ARTICLE, self.md)
        assert "US President Joe Biden shakes hands with Chinese President Xi Jinping in Woodside." in body
        assert '"It\'s paramount that you and I understand each other clearly," Biden told Xi.' in body
        assert self.md.credits == ["Reuters"]


@pytest.mark.parametrize("prefix, publisher, place", [
    ("JAKARTA, KOMPAS.com - ", "KOMPAS.com", "JAKARTA"),
    ("TEMPO.CO, Jakarta - ", "TEMPO.CO", "Jakarta"),
    ("Jakarta (ANTARA) - ", "ANTARA", "Jakarta"),
    ("(Reuters) - ", "Reuters", None),
    ("SAN FRANCISCO - ", None, "SAN FRANCISCO"),
    ("Nextren.com -", "Nextren.com", None),
    ("BEIJING, Nov 15 (Reuters) - ", "Reuters", "BEIJING"),
    ("Jakarta, CNBC Indonesia - ", "CNBC Indonesia", "Jakarta"),
    ("NEW DELHI: ", None, "NEW DELHI"),
    ("NUSA DUA, Indonesia (AP) — ", "AP", "NUSA DUA, Indonesia"),
    ("REPUBLIKA.CO.ID, BRASILIA -- ", "REPUBLIKA.CO.ID", "BRASILIA"),
])
def test_dateline_prefixes(prefix, publisher, place):
    text = ("Menteri Bertemu Mitra dari Asia\n\n" + prefix
            + "Menteri Luar Negeri bertemu mitranya dari Singapura untuk membahas kerja sama ekonomi.\n")
    md = find_metadata(text)
    assert (md.publisher, md.dateline_place) == (publisher, place)
    segs = seg_texts(text, md, "dateline")
    assert segs == [prefix]
    assert body_of(text, md).rstrip().endswith("membahas kerja sama ekonomi.")


def test_publisher_line_then_dash_paragraph():
    text = ("Retno Bahas Kerja Sama dengan AS\nSelasa, 8 September 2015 - 14:53 WIB\nVIVA.co.id\n"
            "- Menteri Luar Negeri Retno Marsudi akan bertemu Menlu AS di Washington pada akhir bulan ini.\n")
    md = find_metadata(text)
    assert md.publisher == "VIVA.co.id"
    assert md.published.date() == date(2015, 9, 8)
    assert "Menteri Luar Negeri Retno Marsudi akan bertemu" in body_of(text, md)
    assert "VIVA" not in body_of(text, md)


def test_byline_cluster_above_date_line():
    text = ("World\nAsean leaders gather in Jakarta for summit\n"
            "Leaders of the 10 member states will discuss Myanmar and the South China Sea.\n"
            "Ati Nurbaiti\n(Agence France-Presse)\nJakarta\nTue, September 5, 2023\n"
            "Leaders of Southeast Asian nations opened their annual summit in Jakarta on Tuesday.\n")
    md = find_metadata(text)
    assert md.authors == ["Ati Nurbaiti"]
    assert md.credits == ["Agence France-Presse"]
    assert md.dateline_place == "Jakarta"
    assert md.published == date(2023, 9, 5)
    body = body_of(text, md)
    assert "Leaders of the 10 member states will discuss Myanmar" in body
    assert "Leaders of Southeast Asian nations opened their annual summit in Jakarta on Tuesday." in body


def test_standalone_photo_credit_under_date_and_closing_marks():
    text = ("Prabowo Bertemu Xi Jinping di Beijing\n\nSabtu, 9 November 2024 | 20:15\nReuters/Tingshu Wang\n\n"
            "Presiden Prabowo Subianto bertemu Presiden China Xi Jinping di Beijing, Sabtu.\n\n(*)\n\nTag\n\n"
            "Editor : Dewi Lestari\n")
    md = find_metadata(text)
    assert md.credits == ["Reuters/Tingshu Wang"]
    assert md.editors == ["Dewi Lestari"]
    assert md.tags == []
    kinds = {text[s.start:s.end]: s.kind for s in md.segments}
    assert kinds["(*)"] == "boilerplate" and kinds["Tag"] == "tag"


def test_closing_capitals_byline_and_copyright():
    text = ("Menlu Bertemu Menlu Australia\n\nTEMPO.CO, Jakarta - Menteri Luar Negeri Retno Marsudi bertemu "
            "Menteri Luar Negeri Australia di Jakarta, Jumat.\n\nKeduanya membahas kerja sama keamanan.\n\n"
            "SITI NURHALIZA\nCopyright © Tempo 2015\n")
    md = find_metadata(text)
    assert md.authors == ["SITI NURHALIZA"]
    assert "Copyright" not in body_of(text, md)


def test_opening_place_line():
    text = ("Jakarta.\nPresident Joko Widodo flew to Beijing on Monday to meet Chinese President Xi Jinping.\n"
            "Advertisement\nThe two leaders will discuss trade.\n")
    md = find_metadata(text)
    assert md.dateline_place == "Jakarta"
    assert md.title is None
    assert "President Joko Widodo flew to Beijing" in body_of(text, md)
    assert "Advertisement" not in body_of(text, md)


def test_text_without_title_line():
    text = "President Joe Biden met Chinese President Xi Jinping in Bali on Monday, the White House said."
    md = find_metadata(text)
    assert md.title is None and md.segments == []


@pytest.mark.parametrize("sentence", [
    "Editor senior harian itu mengatakan pertemuan berlangsung hangat.",
    "Editor: apakah pertemuan itu akan dilanjutkan pekan depan?",
    "Sumber: Kementerian Luar Negeri mengatakan pertemuan akan digelar pekan depan.",
    "Reporter: What did the two presidents agree on in Bali?",
    "By Monday, the ministers had agreed on the text of the joint declaration.",
    "By signing the deal, both countries committed to cutting tariffs.",
    "Oleh karena itu, kedua negara sepakat memperkuat kerja sama pertahanan.",
    "Related talks between the two delegations will continue in Geneva next week.",
    "Tag team diplomacy has long marked relations between the two neighbours.",
    "Source code for the new payment system will be shared between the central banks.",
    "Photo opportunities were limited as the leaders met behind closed doors.",
    "Read the full statement, the ministry said, before judging the outcome.",
    "Baca juga buku putih pertahanan yang diterbitkan kementerian tahun lalu.",
    "Pertemuan itu digelar pada Senin, 12 September 2022, di Samarkand.",
    "Jakarta - Bandung high-speed railway was discussed at length by the two leaders.",
    "Xanana Gusmao (Timor Leste) juga hadir dalam pertemuan tersebut (Antara melaporkan)",
    "The summit ended with a joint statement (see below)",
    "Presiden Jokowi, Menteri Retno dan Menteri Airlangga hadir dalam pertemuan itu.",
])
def test_body_sentences_are_never_metadata(sentence):
    text = ("Kedua Pemimpin Bertemu di Istana Bogor\n\n"
            "Presiden Joko Widodo bertemu Perdana Menteri Malaysia di Istana Bogor pada Kamis pagi.\n\n"
            + sentence + "\n\nKeduanya sepakat melanjutkan pembicaraan pada bulan depan di Kuala Lumpur.\n")
    md = find_metadata(text)
    i = text.index(sentence)
    assert not [s for s in md.segments if s.start < i + len(sentence) and s.end > i], sentence
    assert sentence in body_of(text, md)


def test_segments_are_sorted_and_inside_text():
    md = find_metadata(ID_ARTICLE)
    spans = [(s.start, s.end) for s in md.segments]
    assert spans == sorted(spans)
    assert all(0 <= s.start < s.end <= len(ID_ARTICLE) for s in md.segments)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_short_first_paragraph_dateline():
    text = "Jokowi Tiba di Bali\n\nDENPASAR - Presiden Jokowi tiba di Bali.\n"
    md = find_metadata(text)
    assert md.dateline_place == "DENPASAR" and seg_texts(text, md, "dateline") == ["DENPASAR - "]


@pytest.mark.parametrize("opening, publisher, place", [
    ("Pantau - Konferensi Tingkat Tinggi ASEAN dibuka di Kuala Lumpur pada Minggu.", "Pantau", None),
    ("Bandung - Wali Kota Bandung menyambut delegasi dari Jepang di Balai Kota.", None, "Bandung"),
])
def test_lone_word_dateline_is_outlet_unless_named_again(opening, publisher, place):
    md = find_metadata("Delegasi Asing Tiba di Indonesia\n\n" + opening + "\n")
    assert (md.publisher, md.dateline_place) == (publisher, place)


@pytest.mark.parametrize("line, title", [
    ("Baca juga: Prabowo Tiba di Beijing", "Prabowo Tiba di Beijing"),
    ("Baca Juga : Prabowo Tiba di Beijing", "Prabowo Tiba di Beijing"),
    ("BACA JUGA: Prabowo Tiba di Beijing", "Prabowo Tiba di Beijing"),
    ("Lihat juga: Prabowo Tiba di Beijing", "Prabowo Tiba di Beijing"),
    ("BACA ARTIKEL LAINNYA... Prabowo Tiba di Beijing", "Prabowo Tiba di Beijing"),
    ("Read more: Prabowo arrives in Beijing", "Prabowo arrives in Beijing"),
    ("Read also: Prabowo arrives in Beijing", "Prabowo arrives in Beijing"),
    ("Also read: Prabowo arrives in Beijing", "Prabowo arrives in Beijing"),
    ("RELATED: Prabowo arrives in Beijing", "Prabowo arrives in Beijing"),
    ("Next Article Prabowo arrives in Beijing", "Prabowo arrives in Beijing"),
])
def test_link_labels(line, title):
    text = ("Prabowo Bertemu Xi Jinping\n\nPresiden Prabowo bertemu Presiden Xi Jinping di Beijing pada Sabtu.\n"
            + line + "\nKedua pemimpin menyaksikan penandatanganan nota kesepahaman.\n")
    md = find_metadata(text)
    assert md.related_links == [title]
    assert seg_texts(text, md, "link") == [line]


def test_tag_block_below_label():
    text = ("Prabowo Bertemu Xi Jinping\n\nPresiden Prabowo bertemu Presiden Xi Jinping di Beijing pada Sabtu.\n\n"
            "TAGS\n\nPrabowo Subianto\nXi Jinping\nChina\n\nEditor: Dewi Lestari\n")
    md = find_metadata(text)
    assert md.tags == ["Prabowo Subianto", "Xi Jinping", "China"]
    assert md.editors == ["Dewi Lestari"]
    assert body_of(text, md).strip().endswith("di Beijing pada Sabtu.")


@pytest.mark.parametrize("caption, credit", [
    ("Xi Jinping and Vladimir Putin shake hands in Moscow. Photograph: Sergei Karpukhin/AP", "Sergei Karpukhin/AP"),
    ("Presiden Jokowi menyambut Presiden Turki di Istana Bogor. Foto: ANTARA/Puspa Perwitasari", "ANTARA/Puspa Perwitasari"),
    ("Presiden Jokowi menyambut Presiden Turki di Istana Bogor. ANTARA/Puspa Perwitasari", "ANTARA/Puspa Perwitasari"),
    ("Leaders pose for a photo at the summit venue in Jakarta. (AFP photo)", "AFP photo"),
    ("Leaders pose for a photo at the summit venue in Jakarta (Photo: Reuters/Willy Kurniawan)", "Reuters/Willy Kurniawan"),
    ("Leaders pose for a photo at the summit venue in Jakarta.(Layanan pers Sekretariat ASEAN/AFP)",
     "Layanan pers Sekretariat ASEAN/AFP"),
])
def test_credits_closing_a_caption(caption, credit):
    text = "Leaders Gather for Summit\n\n" + caption + "\n\nThe summit opened on Tuesday with a call for unity.\n"
    md = find_metadata(text)
    assert md.credits == [credit]
    kept = caption[: caption.index("Jakarta") + 7] if "Jakarta" in caption else caption[: caption.index(".")]
    assert kept in body_of(text, md)
    assert credit not in body_of(text, md)


def test_a_capitals_place_with_a_full_stop_opens_the_body_as_a_dateline():
    text = ("Menteri Bertemu Mitra dari Asia\n\nSURABAYA. Menteri Luar Negeri bertemu mitranya dari Singapura "
            "untuk membahas kerja sama ekonomi.\n")
    md = find_metadata(text)
    assert md.dateline_place == "SURABAYA"
    body = body_of(text, md)
    assert "SURABAYA" not in body and "Menteri Luar Negeri bertemu mitranya" in body


def test_adaptation_credits_and_news_aggregator_footers_are_metadata():
    text = ("Menteri Bertemu Mitra dari Asia\n\nMenteri Luar Negeri bertemu mitranya dari Singapura.\n\n"
            "Diadaptasi oleh: Larasati Purnomo\n\nSimak berita dan artikel lainnya di Google News\n")
    md = find_metadata(text)
    assert md.credits == ["Larasati Purnomo"]
    body = body_of(text, md)
    assert "Larasati" not in body and "Google" not in body


def test_newsletter_consent_lines_and_a_closing_agency_name_are_metadata():
    text = ("Leaders Meet in Astana\n\nThe leaders met in Astana on Wednesday.\n"
            "Thank you!\nSign up\nBy signing up, I accept Example Media's\nTerms & Conditions\nand\n"
            "Privacy Policy\nas amended from time to time.\n"
            "Yes, I would also like to receive Example Media Group's offers.\n"
            "The talks will go on next week. REUTERS\n")
    md = find_metadata(text)
    assert md.credits == ["REUTERS"]
    body = body_of(text, md)
    assert "Example Media Group" not in body and "REUTERS" not in body
    assert "The talks will go on next week." in body
