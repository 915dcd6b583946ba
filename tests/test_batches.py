"""Every record on its own: whatever goes wrong with one article is one `error: FILE[:LINE]` line,
the rest of the batch lands, and a re-run resumes past it."""
from __future__ import annotations

import json
import subprocess
import sys

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from newskg.api import KnowledgeGraph
from newskg.errors import InputError
from newskg.vocab.namespaces import SCHEMA
from newskg.ingest import read_inputs
from newskg.ingest.html import article_from_html

from .corpus import write_corpus

RULES = ["--model", "id=rules", "--model", "en=rules"]
ARTICLE = ox.NamedNode("https://w3id.org/newskg/ontology#Article")
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def extract(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newskg.cli", "extract", *args, *RULES],
                          capture_output=True, text=True, timeout=300)


def bad_corpus(path, n=12, bad=(2, 5, 7)):
    """n short records; at the `bad` places a lone surrogate in the text, a URL without a scheme
    and a relative URL."""
    good = write_corpus(path.with_suffix(".good.jsonl"), n)
    records = [json.loads(line) for line in good.read_text(encoding="utf-8").splitlines()]
    records[bad[0]]["text"] = records[bad[0]]["text"].replace(" met ", " \ud800 met ", 1)
    records[bad[0]]["text"] = records[bad[0]]["text"].replace(" bertemu ", " \ud800 bertemu ", 1)
    records[bad[1]]["url"] = "www.example.com/news/summit"
    records[bad[2]]["url"] = "/news/world-123"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_lone_surrogate_is_the_record_s_error_and_odd_urls_stay_literals(tmp_path):
    corpus = bad_corpus(tmp_path / "c.jsonl")
    out = tmp_path / "out.trig"
    done = extract(str(corpus), "-o", str(out))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    errors = [ln for ln in done.stderr.splitlines() if ln.startswith("error:")]
    assert errors == [f"error: {corpus}:3: text: holds an unpaired surrogate (U+D800 at "
                      f"character {errors[0].split('character ')[1].split(')')[0]}), which is not "
                      f"Unicode text"]
    assert "11 articles, 1 error" in done.stderr
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.TRIG))
    urls = {q.object for q in quads if q.predicate == ox.NamedNode(str(SCHEMA.url))}
    assert ox.Literal("www.example.com/news/summit") in urls and ox.Literal("/news/world-123") in urls


def test_a_rerun_with_workers_resumes_past_a_bad_record(tmp_path):
    corpus = bad_corpus(tmp_path / "c.jsonl", n=30, bad=(1, 3, 25))
    store = tmp_path / "store"
    first = extract(str(corpus), "--into", str(store), "--jobs", "2")
    assert first.returncode == 1 and "Traceback" not in first.stderr, first.stderr
    assert "29 articles (29 added, 0 unchanged, 0 replaced), 1 error" in first.stderr
    again = extract(str(corpus), "--into", str(store), "--jobs", "2")
    assert "29 articles (0 added, 29 unchanged, 0 replaced), 1 error" in again.stderr
    st = ox.Store.read_only(str(store))
    assert sum(1 for _ in st.quads_for_pattern(None, TYPE, ARTICLE, ox.DefaultGraph())) == 29


def test_a_relative_canonical_link_is_resolved_against_the_page_url():
    page = ("<html><head><title>Leaders meet</title><link rel='canonical' href='/world/leaders'>"
            "{meta}</head><body><article><p>Indonesian President Prabowo Subianto met Malaysian "
            "Prime Minister Anwar Ibrahim in Jakarta on Monday.</p></article></body></html>")
    with_base = article_from_html(page.format(meta="<base href='https://news.example/a/b'>"),
                                  lang="en")
    assert with_base.url == "https://news.example/world/leaders"
    alone = article_from_html(page.format(meta=""), lang="en")
    assert alone.url == "/world/leaders"
    kg = KnowledgeGraph()
    facts_iri = kg.add_article(alone.text, url=alone.url, lang="en")
    assert (URIRef(facts_iri), SCHEMA.url, Literal("/world/leaders")) in kg.graph.default_graph
    assert kg.add_article(alone.text, url=alone.url, lang="en") == facts_iri
    assert kg.counts == {"added": 1, "unchanged": 1, "replaced": 0}


def test_any_failure_over_one_article_is_its_error_and_the_batch_goes_on(pipeline, tmp_path,
                                                                          monkeypatch):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(f'{{"id": "a{i}", "text": "Joko Widodo met Person Number{i}."}}\n'
                              for i in range(6)), encoding="utf-8")
    kg = KnowledgeGraph()
    find, add = kg.find_article, kg.add_facts

    def find_failing(article):
        if article.id == "a1":
            raise ValueError("broken\nlookup")
        return find(article)

    def add_failing(facts):
        if facts.article.id == "a3":
            raise OSError("disk on fire")
        return add(facts)

    monkeypatch.setattr(kg, "find_article", find_failing)
    monkeypatch.setattr(kg, "add_facts", add_failing)
    out = list(kg.ingest([corpus]))
    errors = [str(x) for x in out if isinstance(x, InputError)]
    assert errors == [f"{corpus}:2: could not look it up in the graph (ValueError: broken lookup)",
                      f"{corpus}:4: could not add it to the graph (OSError: disk on fire)"]
    assert [a.id for a, _ in (x for x in out if not isinstance(x, InputError))] == \
        ["a0", "a2", "a4", "a5"]


def test_a_reader_failing_on_one_file_does_not_end_the_inputs(tmp_path, monkeypatch):
    import newskg.ingest.inputs as inputs
    (tmp_path / "a.txt").write_text("Joko Widodo met Anthony Albanese in Jakarta on Monday.\n")
    (tmp_path / "b.txt").write_text("Joko Widodo met Fumio Kishida in Tokyo on Monday.\n")
    real = inputs.read_txt

    def flaky(path, lang=None):
        if path.name == "a.txt":
            raise MemoryError("too big")
        return real(path, lang)

    monkeypatch.setattr(inputs, "read_txt", flaky)
    out = list(read_inputs([tmp_path / "a.txt", tmp_path / "b.txt"], lang="en"))
    assert [str(x) for x in out[:1]] == [f"{tmp_path / 'a.txt'}: cannot read it (MemoryError: too big)"]
    assert out[1].source == str(tmp_path / "b.txt")
