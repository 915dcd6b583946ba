"""The bundled seed article (Nextren, 12 September 2022) read end to end."""
from datetime import datetime

from newskg.ingest import read_inputs
from newskg.paths import EXAMPLE_ARTICLE


def test_seed_article_metadata():
    (article,) = list(read_inputs([EXAMPLE_ARTICLE]))
    assert article.title == ("Kekalahan Perang Rusia di Depan Mata, Putin Segera Bertemu Xi Jinping, "
                             "Bahas Taktik Baru?")
    assert article.published == datetime(2022, 9, 12, 10, 10)
    assert article.publisher == "Nextren.com"
    assert article.editors == ["Wahyu Subyanto"]
    assert article.credits == ["Reuters/Jason Lee"]
    assert len(article.related_links) == 3
    assert article.related_links[0].startswith("Vladimir Putin dan Xi Jinping Siap Hadiri G20 Bali")
    assert article.lang == "id" and article.warnings == []


def test_seed_body_keeps_reportage_and_drops_metadata():
    (article,) = list(read_inputs([EXAMPLE_ARTICLE]))
    body = article.body
    assert len(body) == len(article.text)
    for gone in ("Baca Juga", "Siap Hadiri G20 Bali", "Militer Rusia Kabur", "Musim Dingin Tiba",
                 "Wahyu Subyanto", "Reuters/Jason Lee", "Nextren.com", "Senin, 12 September 2022"):
        assert gone not in body, gone
    for kept in ("Di tengah kekalahan pasukannya di Perang Rusia dan Ukraina, Presiden Rusia Vladimir Putin",
                 "Pertemuan Vladimir Putin dan Xi Jinping dijadwalkan pada hari Rabu (14/9).",
                 "Dilansir dari Time, Putin dan Xi Jinping bertemu dalam agendaKTT",
                 "Analisis Reuters menyebutkan bahwa pertemuan itu",
                 'memperkukuh kemitraan "tanpa batas" yang mendalam antara China dan Rusia.'):
        assert kept in body, kept
    assert body.startswith(article.title)       # the title stays readable for the extractors
