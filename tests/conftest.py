"""Shared fixtures: hand-made Facts shaped like the seed article, for the graph, API and CLI tests.

The texts are short articles written for these tests; offsets are computed from them, so every
Span points at the text it names.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from newskg.article import Article, Segment
from newskg.errors import InputError
from newskg.facts import (OCCURRED, PLANNED, Entity, Event, Facts, PartialDate, Position, Quote,
                          Span)

TEXT_ID = (
    "Putin Segera Bertemu Xi Jinping di Samarkand\n"
    "\n"
    "Senin, 12 September 2022 | 10:10\n"
    "\n"
    "Contoh.com - Presiden Rusia Vladimir Putin dijadwalkan bertemu Presiden China Xi Jinping "
    "pada Rabu (14/9) di Samarkand, Uzbekistan.\n"
    "\n"
    "Pertemuan itu digelar di sela KTT Organisasi Kerja Sama Shanghai.\n"
    "\n"
    "Baca juga: Harga Energi Naik Lagi\n"
    "\n"
    "Penasihat kebijakan luar negeri Putin, Yuri Ushakov, mengatakan kedua pemimpin akan "
    "membahas situasi global.\n"
    "\n"
    "\"Xi ingin menunjukkan betapa percaya dirinya dia di dalam negeri,\" kata penulis "
    "George Magnus.\n"
    "\n"
    "\"Saya kira Xi paling cemas soal arah perang,\" lanjut Magnus.\n"
    "\n"
    "Menurut Reuters, pertemuan itu memperkuat kemitraan \"tanpa batas\" antara China dan Rusia.\n"
    "\n"
    "Editor : Redaksi Contoh\n"
)

TEXT_EN = (
    "Xi and Putin declare partnership\n"
    "\n"
    "BEIJING (Wire) - Chinese President Xi Jinping met Russian President Vladimir Putin in "
    "Beijing on February 4, 2022.\n"
    "\n"
    "The two leaders declared a \"no limits\" partnership between China and Russia.\n"
)


def span(text: str, piece: str, nth: int = 0) -> Span:
    """The Span of the nth occurrence of `piece` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return Span(start, start + len(piece), piece)


def sentence(text: str, piece: str) -> Span:
    """The Span of the line of `text` that contains `piece`."""
    i = text.index(piece)
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    return Span(start, end, text[start:end])


def seed_facts() -> Facts:
    """Putin and Xi to meet in Samarkand on 2022-09-14 (planned), within the SCO summit 2022."""
    t = TEXT_ID
    seg = lambda piece, kind: Segment(t.index(piece), t.index(piece) + len(piece), kind, piece)
    article = Article(
        text=t, source="putin-xi.txt", id="contoh-2022-09-12-putin-xi",
        url="https://contoh.example/2022/09/12/putin-xi", title=t.splitlines()[0],
        published=date(2022, 9, 12), publisher="Contoh.com", lang="id",
        editors=["Redaksi Contoh"], related_links=["Harga Energi Naik Lagi"],
        segments=[seg(t.splitlines()[0], "title"), seg("Senin, 12 September 2022 | 10:10", "date"),
                  seg("Contoh.com - ", "dateline"), seg("Baca juga: Harga Energi Naik Lagi", "link"),
                  seg("Editor : Redaksi Contoh", "editor")])
    s_meet = sentence(t, "dijadwalkan bertemu")
    s_summit = sentence(t, "KTT Organisasi")
    s_aide = sentence(t, "Penasihat kebijakan")
    s_q1 = sentence(t, "percaya dirinya")
    s_q2 = sentence(t, "paling cemas")
    s_part = sentence(t, "tanpa batas")
    entities = [
        Entity("e1", "Person", "Vladimir Putin", [span(t, "Putin"), span(t, "Vladimir Putin")],
               qid="Q7747"),
        Entity("e2", "Person", "Xi Jinping", [span(t, "Xi Jinping")], qid="Q15031"),
        Entity("e3", "Place", "Samarkand", [span(t, "Samarkand")], qid="Q5753", kind="city"),
        Entity("e4", "Country", "Uzbekistan", [span(t, "Uzbekistan")], qid="Q265"),
        Entity("e5", "Country", "Russia", [span(t, "Rusia"), span(t, "Rusia", 1)], qid="Q159"),
        Entity("e6", "Country", "China", [span(t, "China")], qid="Q148"),
        Entity("e7", "Organization", "Shanghai Cooperation Organisation",
               [span(t, "Organisasi Kerja Sama Shanghai")], qid="Q485207", kind="intl_org"),
        Entity("e8", "Person", "Yuri Ushakov", [span(t, "Yuri Ushakov")]),
        Entity("e9", "Person", "George Magnus", [span(t, "George Magnus"), span(t, "Magnus", 1)]),
        Entity("e10", "Organization", "Reuters", [span(t, "Reuters")], qid="Q130879", kind="outlet"),
    ]
    events = [
        Event("v1", "Meeting", ["e1", "e2"], location="e3", date=PartialDate(2022, 9, 14),
              status=PLANNED, part_of="v2", triggers=[span(t, "bertemu")], evidence=[s_meet]),
        Event("v2", "Summit", [], location="e3", date=PartialDate(2022, 9), status=PLANNED,
              organizer="e7", name="SCO summit 2022", triggers=[span(t, "KTT")],
              evidence=[s_summit]),
        Event("v3", "Partnership", ["e6", "e5"], status=OCCURRED, qualifier="no limits",
              triggers=[span(t, "kemitraan")], evidence=[s_part]),
    ]
    positions = [
        Position("p1", "e1", "President", of="e5", surface="Presiden", evidence=[s_meet]),
        Position("p2", "e2", "President", of="e6", surface="Presiden", evidence=[s_meet]),
        Position("p3", "e8", "foreign policy aide", of="e1",
                 surface="Penasihat kebijakan luar negeri", evidence=[s_aide]),
    ]
    q1 = "Xi ingin menunjukkan betapa percaya dirinya dia di dalam negeri,"
    q2 = "Saya kira Xi paling cemas soal arah perang,"
    quotes = [Quote("q1", q1, "e9", span(t, q1), [s_q1]),
              Quote("q2", q2, "e9", span(t, q2), [s_q2])]
    return Facts(article, entities, events, positions, quotes, cites=["e10"])


def second_facts() -> Facts:
    """An English article: Putin and Xi met in Beijing on 2022-02-04 and declared a partnership."""
    t = TEXT_EN
    article = Article(text=t, source="beijing.txt", url="https://wire.example/2022/02/04/xi-putin",
                      title=t.splitlines()[0], published=date(2022, 2, 4), publisher="Wire",
                      lang="en")
    s_meet = sentence(t, "met Russian")
    s_part = sentence(t, "no limits")
    entities = [
        Entity("e1", "Person", "Xi Jinping", [span(t, "Xi"), span(t, "Xi Jinping")], qid="Q15031"),
        Entity("e2", "Person", "Vladimir Putin", [span(t, "Putin"), span(t, "Vladimir Putin")],
               qid="Q7747"),
        Entity("e3", "Place", "Beijing", [span(t, "Beijing")], qid="Q956"),
        Entity("e4", "Country", "China", [span(t, "China")], qid="Q148"),
        Entity("e5", "Country", "Russia", [span(t, "Russia")], qid="Q159"),
    ]
    events = [
        Event("v1", "Meeting", ["e1", "e2"], location="e3", date=PartialDate(2022, 2, 4),
              status=OCCURRED, evidence=[s_meet]),
        Event("v2", "Partnership", ["e4", "e5"], date=PartialDate(2022, 2, 4), status=OCCURRED,
              qualifier="no limits", evidence=[s_part]),
    ]
    positions = [Position("p1", "e1", "President", of="e4", surface="Chinese President",
                          evidence=[s_meet])]
    return Facts(article, entities, events, positions, [])


@pytest.fixture
def facts() -> Facts:
    return seed_facts()


@pytest.fixture
def facts_en() -> Facts:
    return second_facts()


# -- a stand-in for the reading pipeline (ingest + extract), for API and CLI tests --------------

class FakePipeline:
    """Readers and an extractor with the real signatures and simple, predictable behaviour.

    read_inputs: a .jsonl file gives one article per line ("text", "id", "url" keys) or an
    InputError for a line that is not JSON; any other file is one article.  extract_facts: every
    capitalised two-word name is a Person; a text containing "EXPLODE" makes it raise.
    """

    NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")

    def __init__(self):
        self.calls: list[dict] = []

    def article_from_text(self, text, *, source="<text>", id=None, url=None, title=None,
                          published=None, publisher=None, lang=None):
        self.calls.append(dict(text=text, source=source, id=id, url=url, published=published,
                               lang=lang))
        warnings = ["decoded as cp1252"] if "\ufffd" in text else []
        return Article(text=text, source=source, id=id, url=url, title=title,
                       published=published, publisher=publisher, lang=lang or "en",
                       warnings=warnings)

    def read_inputs(self, paths, lang=None):
        for p in paths:
            path = Path(p)
            if path.suffix == ".jsonl":
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    try:
                        rec = json.loads(line)
                    except ValueError:
                        yield InputError(str(path), "not valid JSON", line=n)
                        continue
                    yield self.article_from_text(rec["text"], source=f"{path}:{n}",
                                                 id=rec.get("id"), url=rec.get("url"), lang=lang)
            else:
                yield self.article_from_text(path.read_text(encoding="utf-8"), source=str(path),
                                             lang=lang)

    def extract_facts(self, article):
        if "EXPLODE" in article.text:
            raise RuntimeError("extractor fell over")
        entities = {}
        for m in self.NAME.finditer(article.text):
            e = entities.setdefault(m.group(), Entity(f"e{len(entities) + 1}", "Person", m.group()))
            e.mentions.append(Span(m.start(), m.end(), m.group()))
        return Facts(article, list(entities.values()))

    def extract_many(self, articles):
        """Like the real one, article by article through `newskg.extract.extract_facts` (looked
        up at call time, so a test that patches it reaches the batches too)."""
        import newskg.extract
        out = []
        for article in articles:
            try:
                out.append(newskg.extract.extract_facts(article))
            except Exception as exc:
                out.append(exc)
        return out


@pytest.fixture
def pipeline(monkeypatch) -> FakePipeline:
    """Installs FakePipeline as newskg.ingest.read_inputs / article_from_text and
    newskg.extract.extract_facts / extract_many."""
    import newskg.extract
    import newskg.ingest

    fake = FakePipeline()
    monkeypatch.setattr(newskg.ingest, "read_inputs", fake.read_inputs, raising=False)
    monkeypatch.setattr(newskg.ingest, "article_from_text", fake.article_from_text, raising=False)
    monkeypatch.setattr(newskg.extract, "extract_facts", fake.extract_facts, raising=False)
    monkeypatch.setattr(newskg.extract, "extract_many", fake.extract_many, raising=False)
    return fake


# -- a real SPARQL server for the remote-store tests ---------------------------------------------

def _oxigraph_binary() -> str | None:
    """The `oxigraph` command of the `oxigraph` package (test extra), next to this Python or on PATH."""
    import shutil
    import sys
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """The base URL of an Oxigraph SPARQL server started for these tests on a free port of
    127.0.0.1 (its data in a temporary folder); stopped at the end of the session.  Skips only when
    the `oxigraph` binary is not installed."""
    import socket
    import subprocess
    import time
    import urllib.request

    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("the Oxigraph server is not installed (pip install oxigraph, in the test extra)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder = tmp_path_factory.mktemp("oxigraph-server")
    proc = subprocess.Popen([binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"oxigraph serve did not start: {proc.stderr.read().decode()[-500:]}")
            time.sleep(0.1)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def endpoint(oxigraph_server):
    """The test server's URL, emptied before the test."""
    from newskg.graph.remote import Endpoint
    Endpoint.from_url(oxigraph_server).update("CLEAR ALL")
    return oxigraph_server


@pytest.fixture(scope="session")
def seed_graph(tmp_path_factory):
    """The bundled example article extracted by the real pipeline, as a TriG file."""
    from newskg.api import KnowledgeGraph
    from newskg.paths import EXAMPLE_ARTICLE
    kg = KnowledgeGraph()
    kg.add_file(EXAMPLE_ARTICLE)
    assert not kg.errors
    path = kg.serialize(tmp_path_factory.mktemp("seed") / "seed.trig")
    kg.close()
    return path
