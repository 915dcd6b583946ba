"""The Oxigraph backend owns its handle: a folder that cannot be reopened is an error, never a
quiet switch to an empty in-memory store (issue 11, finding 2)."""
import subprocess
import sys
import textwrap
import time

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from newskg.api import KnowledgeGraph
from newskg.article import Article
from newskg.errors import StoreError
from newskg.facts import Entity, Facts, Span

NKG_ARTICLE = "https://w3id.org/newskg/ontology#Article"


def facts(i: int) -> Facts:
    text = f"Putin tiba di Samarkand pada hari ke-{i}."
    art = Article(text=text, id=f"visit-{i}", lang="id")
    return Facts(art, entities=[Entity("e1", "Person", "Vladimir Putin", [Span(0, 5, "Putin")])])


def articles_in(folder) -> int:
    store = ox.Store.read_only(str(folder))
    rows = store.query(f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?a {{ ?a a <{NKG_ARTICLE}> }} }}")
    return int(next(iter(rows))["n"].value)


@pytest.fixture
def reopen_every_article(monkeypatch):
    import newskg.graph.oxigraph as oxmod
    monkeypatch.setattr(oxmod, "FLUSH_EVERY", 1)
    return oxmod


def test_a_folder_that_cannot_be_reopened_is_an_error_not_an_in_memory_store(
        tmp_path, reopen_every_article, monkeypatch):
    folder = tmp_path / "store"
    kg = KnowledgeGraph(path=folder)
    kg.add_facts(facts(0))                 # reopened fine
    oxmod = reopen_every_article
    monkeypatch.setattr(oxmod, "REOPEN_WAIT", 0.2)

    def taken(*args, **kwargs):            # another process holds RocksDB's lock from now on
        raise oxmod.StoreInUse(str(folder), "the store is in use by another process")

    monkeypatch.setattr(oxmod, "open_folder", taken)
    with pytest.raises(StoreError, match="another process took the store"):
        kg.add_facts(facts(1))
    with pytest.raises(StoreError, match="lost"):       # and every later write says so too
        kg.add_facts(facts(2))
    with pytest.raises(StoreError):
        kg.query("ASK { ?s ?p ?o }")
    kg.close()
    monkeypatch.undo()
    assert articles_in(folder) == kg.counts["added"] == 2    # reported = stored


OPENER = textwrap.dedent("""
    import sys, time, pyoxigraph as ox
    folder, until = sys.argv[1], time.monotonic() + float(sys.argv[2])
    n = 0
    while time.monotonic() < until:
        n += 1
        try:
            s = ox.Store.read_only(folder) if n % 50 == 0 else ox.Store(folder)
            time.sleep(0.03)       # held: the writer's reopening has to wait for it
            del s
        except OSError:            # the writer holds it: try again at once
            pass
""")



def test_a_writer_next_to_a_process_that_keeps_opening_the_folder_loses_nothing(
        tmp_path, reopen_every_article):
    """The writer reopens its folder after every article while another process opens the same
    folder read-write and read-only in a loop: every article reported added is in the folder, or
    the writer stops with a StoreError (and then too, reported = stored)."""
    folder = tmp_path / "store"
    kg = KnowledgeGraph(path=folder)
    kg.add_facts(facts(0))
    opener = subprocess.Popen([sys.executable, "-c", OPENER, str(folder), "5"])
    try:
        time.sleep(0.3)
        stopped = None
        for i in range(1, 30):
            try:
                kg.add_facts(facts(i))
            except StoreError as exc:
                stopped = exc
                break
    finally:
        opener.kill()
        opener.wait()
    kg.close()
    assert kg.counts["added"] > 1
    assert articles_in(folder) == kg.counts["added"], stopped


def folder_quads(folder) -> set:
    return {str(q) for q in ox.Store.read_only(str(folder)).quads_for_pattern(None, None, None, None)}


def test_a_long_article_is_written_in_bounded_parts_and_a_cut_off_write_is_redone(
        tmp_path, monkeypatch, facts, facts_en):
    """An article with more quads than WRITE_BATCH (a very long text) is written in parts of that
    size, not in one transaction holding all of them (issue 11, finding 11: memory); its own
    statements come last, so a write cut off part way is not taken for a written article: the
    next run writes it afresh and the folder equals an uninterrupted run's."""
    import copy
    seed_facts, second_facts = (lambda: copy.deepcopy(facts)), (lambda: copy.deepcopy(facts_en))
    import newskg.graph.oxigraph as oxmod
    monkeypatch.setattr(oxmod, "WRITE_BATCH", 20)
    whole = tmp_path / "whole"
    kg = KnowledgeGraph(path=whole)
    kg.add_facts(second_facts())
    kg.add_facts(seed_facts())
    kg.close()

    writes: list[list] = []
    real_write = oxmod.OxigraphStore._write

    def write(self, batch):
        writes.append(list(batch))
        if len(writes) == 3 and cut_off:
            raise KeyboardInterrupt        # the run is stopped between two parts
        real_write(self, batch)

    monkeypatch.setattr(oxmod.OxigraphStore, "_write", write)
    cut = tmp_path / "cut"
    cut_off = False
    kg = KnowledgeGraph(path=cut)
    kg.add_facts(second_facts())
    writes.clear()
    cut_off = True
    with pytest.raises(KeyboardInterrupt):
        kg.add_facts(seed_facts())
    kg.close()
    assert len(writes) == 3 and all(len(w) == 20 for w in writes)
    article = str(seed_facts().article.id)
    assert articles_in(cut) == 1                  # the seed is not there as an article
    assert any(article in q for q in folder_quads(cut))   # but part of its graph is

    cut_off = False
    writes.clear()
    kg = KnowledgeGraph(path=cut)
    kg.add_facts(seed_facts())
    assert kg.counts["added"] == 1 and kg.counts["unchanged"] == 0
    kg.close()
    assert len(writes) > 3 and all(len(w) <= 20 for w in writes)
    assert folder_quads(cut) == folder_quads(whole)
