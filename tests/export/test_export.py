"""`newskg export` on the graph of the bundled example article (the seed): GraphML and GEXF read
back with networkx, the Neo4j import CSV with the csv module; and its errors."""
import csv

import networkx as nx
import pytest
from click.testing import CliRunner

from newskg.api import KnowledgeGraph
from newskg.cli import main
from newskg.paths import EXAMPLE_ARTICLE

PUTIN = "https://w3id.org/newskg/id/person/Q7747"
XI = "https://w3id.org/newskg/id/person/Q15031"
SAMARKAND = "https://w3id.org/newskg/id/place/Q5753"


def export(*args):
    result = CliRunner().invoke(main, ["export", *map(str, args)])
    return result


def the_meeting(nodes):
    """The one meeting of the seed: planned for 2022-09-14."""
    meetings = [n for n, a in nodes if a.get("type") == "Meeting"]
    assert len(meetings) == 1
    return meetings[0]


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back_with_networkx(seed_graph, tmp_path, fmt, read):
    out = tmp_path / f"seed.{fmt}"
    res = export(seed_graph, "--to", fmt, "-o", out)
    assert res.exit_code == 0, res.output
    g = read(out)
    n, e = g.number_of_nodes(), g.number_of_edges()
    assert f"{n} nodes, {e} edges → {out}" in res.stderr
    assert g.nodes[PUTIN]["label"] == "Vladimir Putin" and g.nodes[PUTIN]["qid"] == "Q7747"
    assert g.nodes[XI]["label"] == "Xi Jinping" and g.nodes[XI]["type"] == "Person"
    assert g.nodes[PUTIN]["label_id"] == "Putin"            # the Indonesian article's own name
    meeting = the_meeting(g.nodes(data=True))
    m = g.nodes[meeting]
    assert (m["date"], m["status"]) == ("2022-09-14", "Planned")
    edges = {(s, t, a["relation"]): a for s, t, a in g.edges(data=True)}
    for person in (PUTIN, XI):
        assert edges[(meeting, person, "PARTICIPANT")]["date"] == "2022-09-14"
    assert edges[(meeting, SAMARKAND, "LOCATION")]["status"] == "Planned"
    assert g.nodes[SAMARKAND]["label"] == "Samarkand"
    holds = [(s, a["title"]) for s, t, a in g.edges(data=True) if a["relation"] == "HOLDS"]
    assert (PUTIN, "President") in holds


def test_graphml_and_gexf_hold_the_same_network(seed_graph, tmp_path):
    counts = set()
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        assert export(seed_graph, "--to", fmt, "-o", tmp_path / f"g.{fmt}", "-q").exit_code == 0
        g = read(tmp_path / f"g.{fmt}")
        counts.add((g.number_of_nodes(), g.number_of_edges()))
    assert len(counts) == 1


def test_neo4j_import_csv(seed_graph, tmp_path):
    out = tmp_path / "neo4j"
    res = export(seed_graph, "--to", "neo4j", "-o", out)
    assert res.exit_code == 0, res.output
    with open(out / "nodes.csv", newline="", encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    with open(out / "relationships.csv", newline="", encoding="utf-8") as fh:
        rels = list(csv.DictReader(fh))
    # the headers of neo4j-admin database import: an :ID column and :LABEL; :START_ID, :END_ID, :TYPE
    assert list(nodes[0])[:2] == ["iri:ID", ":LABEL"]
    assert list(rels[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    by_id = {n["iri:ID"]: n for n in nodes}
    assert len(by_id) == len(nodes)                        # ids are unique, as the importer requires
    assert by_id[PUTIN][":LABEL"] == "Entity;Person" and by_id[PUTIN]["label"] == "Vladimir Putin"
    assert by_id[XI]["qid"] == "Q15031"
    meeting = the_meeting((n["iri:ID"], n) for n in nodes)
    assert by_id[meeting][":LABEL"] == "Event;Meeting" and by_id[meeting]["date"] == "2022-09-14"
    found = {(r[":START_ID"], r[":END_ID"], r[":TYPE"]) for r in rels}
    assert {(meeting, PUTIN, "PARTICIPANT"), (meeting, XI, "PARTICIPANT"),
            (meeting, SAMARKAND, "LOCATION")} <= found
    assert all(r[":START_ID"] in by_id and r[":END_ID"] in by_id for r in rels)


def test_a_store_folder_exports_like_its_file(seed_graph, tmp_path):
    store = tmp_path / "store"
    kg = KnowledgeGraph(path=store)
    kg.add_file(EXAMPLE_ARTICLE)
    kg.close()
    assert export(store, "--to", "graphml", "-o", tmp_path / "a.graphml", "-q").exit_code == 0
    assert export(seed_graph, "--to", "graphml", "-o", tmp_path / "b.graphml", "-q").exit_code == 0
    a, b = nx.read_graphml(tmp_path / "a.graphml"), nx.read_graphml(tmp_path / "b.graphml")
    assert sorted(a.nodes) == sorted(b.nodes) and sorted(a.edges) == sorted(b.edges)


def test_errors_name_the_input_and_write_nothing(seed_graph, tmp_path):
    res = export(seed_graph, "--to", "dot", "-o", tmp_path / "x.dot")
    assert res.exit_code == 2 and "'dot' is not one of" in res.output

    other = tmp_path / "other.ttl"
    other.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    res = export(other, "--to", "gexf", "-o", tmp_path / "x.gexf")
    assert res.exit_code == 1
    assert f"error: {other}: not a newskg graph" in res.stderr

    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://example.org/a> <b\n")
    res = export(broken, "--to", "gexf", "-o", tmp_path / "x.gexf")
    assert res.exit_code == 1 and res.stderr.startswith(f"error: {broken}")

    res = export(seed_graph, "--to", "gexf", "-o", tmp_path / "missing" / "x.gexf")
    assert res.exit_code == 2 and "does not exist" in res.output

    folder = tmp_path / "a-folder"
    folder.mkdir()
    res = export(seed_graph, "--to", "graphml", "-o", folder)
    assert res.exit_code == 1 and f"error: {folder}: is a folder" in res.stderr
    assert not (tmp_path / "x.gexf").exists() and not list(folder.iterdir())


def test_a_failed_write_keeps_the_old_file(seed_graph, tmp_path, monkeypatch):
    import networkx

    out = tmp_path / "g.graphml"
    out.write_text("old")

    def broken(graph, fh):
        fh.write(b"<graphml")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(networkx, "write_graphml", broken)
    res = export(seed_graph, "--to", "graphml", "-o", out)
    assert res.exit_code == 1
    assert f"error: cannot write {out}: No space left on device" in res.stderr
    assert out.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["g.graphml"]


def test_a_killed_exports_temporary_is_removed_by_the_next(seed_graph, tmp_path):
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".g.gexf.{gone}-abc123.tmp"
    stale.write_text("<gexf")
    assert export(seed_graph, "--to", "gexf", "-o", tmp_path / "g.gexf", "-q").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.gexf"]
