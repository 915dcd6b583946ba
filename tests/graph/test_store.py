import os

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from newskg.errors import InputError
from newskg.graph import files as store_mod
from newskg.graph.backends import STORES, open_store
from newskg.graph.build import facts_to_quads
from newskg.graph.files import READ_FORMATS, WRITE_FORMATS, load_graph, write_graph
from newskg.vocab.namespaces import XSD

NAMED = (".trig", ".nq", ".jsonld")
FORMAT = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD}
MERGED = (".ttl", ".nt", ".rdf")


def norm(term):
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def quad_set(store):
    out = set()
    for s, p, o, g in store.match():
        out.add((norm(s), norm(p), norm(o), None if g == DATASET_DEFAULT_GRAPH_ID else g))
    return out


def new_dataset(kind):
    return open_store(kind)


def add_quads(store, quads, merged=None):
    store.add(quads, merged)


def triple_count(store):
    return store.count()


@pytest.fixture(params=STORES)
def dataset(request, facts, facts_en):
    ds = new_dataset(request.param)
    add_quads(ds, facts_to_quads(facts))
    add_quads(ds, facts_to_quads(facts_en))
    return ds


@pytest.mark.parametrize("suffix", NAMED)
def test_named_graph_formats_round_trip(dataset, tmp_path, suffix):
    path = write_graph(dataset, tmp_path / f"out{suffix}")
    back = load_graph(path, kind="memory")
    assert quad_set(back) == quad_set(dataset)
    in_file = {q.graph_name for q in ox.parse(path=str(path), format=FORMAT[suffix])}
    assert len(in_file) == 3 and ox.DefaultGraph() in in_file   # one graph per article, the merge


def merged_view_dataset(store):
    """Two articles dating one meeting, the month and the day: the merge has the day only."""
    from newskg.vocab.namespaces import NKG, RDF
    ds = new_dataset(store)
    ev, g1, g2 = (URIRef(f"https://w3id.org/newskg/id/{x}") for x in ("event/1", "article/a", "article/b"))
    month, day = Literal("2022-09", datatype=XSD.gYearMonth), Literal("2022-09-14", datatype=XSD.date)
    add_quads(ds, [(ev, RDF.type, NKG.Meeting, g1), (ev, NKG.date, month, g1)])
    add_quads(ds, [(ev, RDF.type, NKG.Meeting, g2), (ev, NKG.date, day, g2)], {(ev, NKG.date): (day,)})
    assert list(ds.dataset.default_graph.objects(ev, NKG.date)) == [day]
    assert list(ds.dataset.graph(g1).objects(ev, NKG.date)) == [month]
    return ds, ev, day


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize("suffix", [*NAMED, *MERGED])
@pytest.mark.parametrize("stream", [False, True])
def test_graph_files_keep_the_merged_view(store, suffix, stream, tmp_path, monkeypatch):
    """Each article's own value in its graph, the merge's in the default graph: read back the same,
    whether the file was written at once or streamed, loaded in bulk or parsed first."""
    from newskg.vocab.namespaces import NKG
    ds, ev, day = merged_view_dataset(store)
    if stream:
        monkeypatch.setattr(store_mod, "STREAM_FROM", 0)
    path = write_graph(ds, tmp_path / f"g{suffix}")
    for into in ("memory", "oxigraph-disk"):        # parsed first / Oxigraph's bulk loader
        back = load_graph(path, kind=into)
        assert list(back.dataset.default_graph.objects(ev, NKG.date)) == [day]
        if suffix in NAMED:
            assert quad_set(back) == quad_set(ds)


@pytest.mark.parametrize("suffix", MERGED)
def test_triple_formats_merge_all_graphs(dataset, tmp_path, suffix):
    path = write_graph(dataset, tmp_path / f"out{suffix}")
    back = load_graph(path, kind="oxigraph")
    assert {g for *_, g in quad_set(back)} == {None}
    assert {q[:3] for q in quad_set(back)} == {q[:3] for q in quad_set(dataset)}
    assert triple_count(back) == triple_count(dataset)


def test_turtle_uses_prefixes_and_is_deterministic(dataset, tmp_path):
    a = write_graph(dataset, tmp_path / "a.ttl").read_bytes()
    b = write_graph(dataset, tmp_path / "b.ttl").read_bytes()
    assert a == b
    text = a.decode()
    assert "@prefix nkg: <https://w3id.org/newskg/ontology#>" in text
    assert "person:Q7747" in text


def test_both_stores_write_the_same_file(facts, tmp_path):
    files = []
    for name in STORES:
        ds = new_dataset(name)
        add_quads(ds, facts_to_quads(facts))
        files.append(write_graph(ds, tmp_path / f"{name}.trig").read_bytes())
    assert files[0] == files[1]


def test_unknown_suffix_names_the_allowed_ones(dataset, tmp_path):
    with pytest.raises(ValueError) as err:
        write_graph(dataset, tmp_path / "out.csv")
    for suffix in (".ttl", ".trig", ".nq", ".jsonld", ".nt"):
        assert suffix in str(err.value)
    assert not list(tmp_path.iterdir())


def test_failed_write_keeps_the_old_file(dataset, tmp_path, monkeypatch):
    out = tmp_path / "graph.trig"
    out.write_text("old contents\n")

    def crash(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_mod.os, "fsync", crash)   # data written to the temp file, then boom
    with pytest.raises(OSError):
        write_graph(dataset, out)
    assert out.read_text() == "old contents\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.trig"]   # no temp file left behind


def test_failed_replace_keeps_the_old_file(dataset, tmp_path, monkeypatch):
    out = tmp_path / "graph.ttl"
    out.write_text("old\n")
    monkeypatch.setattr(store_mod.os, "replace", lambda a, b: (_ for _ in ()).throw(OSError("x")))
    with pytest.raises(OSError):
        write_graph(dataset, out)
    assert out.read_text() == "old\n"
    assert len(list(tmp_path.iterdir())) == 1


def test_new_file_gets_ordinary_permissions_and_replaced_file_keeps_its_own(dataset, tmp_path):
    out = write_graph(dataset, tmp_path / "g.nt")
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    out.chmod(0o640)
    write_graph(dataset, out)
    assert out.stat().st_mode & 0o777 == 0o640


def test_load_accumulates_files_and_keeps_turtle_in_default_graph(tmp_path):
    (tmp_path / "a.ttl").write_text('<http://ex.org/s> <http://ex.org/p> "a" .\n')
    (tmp_path / "b.trig").write_text('<http://ex.org/g> { <http://ex.org/s> <http://ex.org/p> "b" . }\n')
    s, p = URIRef("http://ex.org/s"), URIRef("http://ex.org/p")
    for store in STORES:
        ds = load_graph(tmp_path / "a.ttl", kind=store)
        load_graph(tmp_path / "b.trig", ds)
        assert quad_set(ds) == {(s, p, Literal("a"), None), (s, p, Literal("b"), None),
                                (s, p, Literal("b"), URIRef("http://ex.org/g"))}
        # written back as TriG: the Turtle triple stays in the default graph, b in its graph and
        # in the merge
        out = write_graph(ds, tmp_path / f"{store}.trig")
        assert {(str(q.object.value), str(q.graph_name)) for q in ox.parse(path=str(out))} == {
            ("a", "DEFAULT"), ("b", "<http://ex.org/g>"), ("b", "DEFAULT")}


@pytest.mark.parametrize("store", STORES)
def test_malformed_file_error_names_file_and_line(tmp_path, store):
    bad = tmp_path / "bad.ttl"
    bad.write_text('<http://ex.org/s> <http://ex.org/p> "a" .\n<http://ex.org/s> <http://ex.org/p> .\n')
    with pytest.raises(InputError) as err:
        load_graph(bad, kind=store)
    assert str(err.value).startswith(f"{bad}:2: not a valid Turtle file: ")
    assert "column 37" in str(err.value)


def test_missing_or_unknown_graph_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_graph(tmp_path / "nope.trig")
    (tmp_path / "x.csv").write_text("a,b\n")
    with pytest.raises(InputError, match="unknown graph file suffix"):
        load_graph(tmp_path / "x.csv")


def test_unknown_store_is_refused():
    with pytest.raises(ValueError, match="oxigraph, memory"):
        new_dataset("virtuoso")


def test_every_write_suffix_can_be_read_back():
    assert set(WRITE_FORMATS) <= set(READ_FORMATS)


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".nq", ".nt", ".jsonld", ".rdf"])
def test_output_does_not_depend_on_insertion_order(facts, facts_en, tmp_path, suffix):
    files = []
    for i, order in enumerate([(facts, facts_en), (facts_en, facts)]):
        ds = new_dataset("memory")
        for f in order:
            add_quads(ds, reversed(facts_to_quads(f)))
        files.append(write_graph(ds, tmp_path / f"{i}{suffix}").read_bytes())
    assert files[0] == files[1]


def test_jsonld_is_compact_and_readable_by_rdflib_too(dataset, tmp_path):
    import json

    from rdflib import Dataset
    path = write_graph(dataset, tmp_path / "g.jsonld")
    doc = json.loads(path.read_text())
    assert doc["@context"]["nkg"] == "https://w3id.org/newskg/ontology#"
    nodes = [n for g in doc["@graph"] for n in g.get("@graph", [])]
    putin = next(n for n in nodes if n["@id"] == "person:Q7747")
    assert putin["@type"] == ["nkg:Person"]
    other = Dataset()
    other.parse(data=path.read_text(), format="json-ld")
    read = {(norm(s), p, norm(o), None if g == DATASET_DEFAULT_GRAPH_ID else g)
            for s, p, o, g in other.quads((None, None, None, None))}
    assert read == quad_set(dataset)         # the article graphs and, in the default graph, the merge


@pytest.mark.parametrize("suffix", [".nq", ".trig", ".nt", ".ttl"])
def test_big_graphs_are_streamed_with_the_same_statements(facts, facts_en, tmp_path, monkeypatch, suffix):
    ds = new_dataset("oxigraph-disk")
    add_quads(ds, facts_to_quads(facts))
    add_quads(ds, facts_to_quads(facts_en))
    add_quads(ds, [(URIRef("http://ex.org/only"), URIRef("http://ex.org/default"), Literal("x"),
                    DATASET_DEFAULT_GRAPH_ID)])          # a statement of no article graph
    sorted_file = write_graph(ds, tmp_path / f"sorted{suffix}")
    monkeypatch.setattr(store_mod, "STREAM_FROM", 10)
    streamed = write_graph(ds, tmp_path / f"streamed{suffix}")
    assert sorted_file.read_bytes() != streamed.read_bytes()        # store order, not sorted
    assert quad_set(load_graph(streamed, kind="memory")) == quad_set(load_graph(sorted_file, kind="memory"))
    assert write_graph(ds, tmp_path / f"again{suffix}").read_bytes() == streamed.read_bytes()


def test_big_files_go_through_the_bulk_loader_into_an_empty_store(dataset, tmp_path, monkeypatch):
    path = write_graph(dataset, tmp_path / "g.nq")
    import newskg.graph.oxigraph as ox_mod
    calls, real = [], ox_mod.bulk_load_file
    monkeypatch.setattr(ox_mod, "bulk_load_file", lambda *a, **k: calls.append(a) or real(*a, **k))
    loaded = load_graph(path, kind="oxigraph-disk")
    assert quad_set(loaded) == quad_set(dataset)          # named graphs, and their merge
    again = load_graph(path, loaded)                      # into a full store: parsed first, no change
    assert quad_set(again) == quad_set(dataset) and len(calls) == 1
    broken = tmp_path / "broken.nq"
    broken.write_text(path.read_text() + "<http://ex.org/s> <http://ex.org/p> .\n")
    with pytest.raises(InputError, match=r"broken.nq:\d+: not a valid"):
        load_graph(broken, kind="oxigraph-disk")


def test_store_folders_name_their_problems(tmp_path):
    from newskg.graph.oxigraph import open_folder
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("x")
    with pytest.raises(InputError, match="not an Oxigraph store"):
        open_folder(tmp_path / "notes")
    with pytest.raises(InputError, match="no Oxigraph store"):
        open_folder(tmp_path / "missing", read_only=True)
    writer = open_folder(tmp_path / "s")
    writer.add(ox.Quad(ox.NamedNode("http://ex.org/s"), ox.NamedNode("http://ex.org/p"), ox.Literal("x")))
    writer.flush()
    with pytest.raises(InputError, match="in use by another process"):
        open_folder(tmp_path / "s")
    assert len(open_folder(tmp_path / "s", read_only=True)) == 1      # readers are welcome
