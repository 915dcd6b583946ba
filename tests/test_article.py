from newskg.article import Article, Segment


def test_body_blanks_metadata_but_keeps_offsets_and_title():
    text = "Judul Berita\nSenin, 12 September 2022 | 10:10\nIsi berita.\nBaca juga: Lain\n"
    def seg(s, kind):
        i = text.index(s)
        return Segment(i, i + len(s), kind)
    a = Article(text=text, segments=[seg("Judul Berita", "title"),
                                     seg("Senin, 12 September 2022 | 10:10", "date"),
                                     seg("Baca juga: Lain", "link")])
    body = a.body
    assert len(body) == len(text)
    assert body.startswith("Judul Berita\n")
    assert "Senin" not in body and "Baca" not in body
    i = text.index("Isi berita.")
    assert body[i:i + 11] == "Isi berita."


def test_key_prefers_id_then_url_then_hash():
    assert Article(text="x", id="a1", url="u").key == "a1"
    assert Article(text="x", url="u").key == "u"
    assert len(Article(text="x").key) == 64
