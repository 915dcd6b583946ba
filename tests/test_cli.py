import csv
import io
import json
import sys
import types

import pytest
from click.testing import CliRunner

from newskg.api import KnowledgeGraph
from newskg.cli import main


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def inputs(tmp_path):
    (tmp_path / "a.txt").write_text("Joko Widodo bertemu Anthony Albanese di Jakarta.\n")
    (tmp_path / "corpus.jsonl").write_text(
        '{"text": "Retno Marsudi bertemu Penny Wong.", "id": "r1"}\n'
        '{"text": "broken\n'
        '{"text": "Sri Mulyani berbicara.", "id": "r3"}\n')
    return tmp_path


@pytest.fixture
def graph_file(tmp_path, facts, facts_en):
    kg = KnowledgeGraph()
    kg.add_facts(facts)
    kg.add_facts(facts_en)
    return kg.serialize(tmp_path / "seed.trig")


def test_extract_all_good_exits_0(runner, pipeline, inputs):
    out = inputs / "g.trig"
    res = runner.invoke(main, ["extract", str(inputs / "a.txt"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert res.stderr.strip().endswith(f"1 article, 0 errors → {out}")
    names = KnowledgeGraph.load(out).query(
        "SELECT ?n WHERE { ?p a nkg:Person ; rdfs:label ?n } ORDER BY ?n").column("n")
    assert names == ["Anthony Albanese", "Joko Widodo"]


def test_bad_input_is_one_error_line_and_the_rest_goes_on(runner, pipeline, inputs):
    out = inputs / "g.ttl"
    res = runner.invoke(main, ["extract", str(inputs / "corpus.jsonl"), str(inputs / "a.txt"),
                               str(inputs / "missing.txt"), "-o", str(out)])
    assert res.exit_code == 1
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("error:")]
    assert errors == [f"error: {inputs / 'missing.txt'}: no such file or folder",
                      f"error: {inputs / 'corpus.jsonl'}:2: not valid JSON"]
    assert f"3 articles, 2 errors → {out}" in res.stderr
    labels = KnowledgeGraph.load(out).query("SELECT ?n WHERE { ?p rdfs:label ?n }").column("n")
    assert {"Retno Marsudi", "Sri Mulyani", "Joko Widodo"} <= set(labels)


def test_extraction_failure_is_reported_with_its_source(runner, pipeline, tmp_path):
    (tmp_path / "bad.txt").write_text("EXPLODE Joko Widodo")
    res = runner.invoke(main, ["extract", str(tmp_path / "bad.txt"), "-o", str(tmp_path / "g.nt")])
    assert res.exit_code == 1
    assert f"error: {tmp_path / 'bad.txt'}: could not extract facts" in res.stderr
    assert not (tmp_path / "g.nt").exists()       # every input failed: no file is written


def test_article_warnings_are_printed(runner, pipeline, tmp_path):
    (tmp_path / "w.txt").write_text("Joko Widodo \ufffd tiba.")
    res = runner.invoke(main, ["extract", str(tmp_path / "w.txt"), "-o", str(tmp_path / "g.nq")])
    assert res.exit_code == 0
    assert f"warning: {tmp_path / 'w.txt'}: decoded as cp1252" in res.stderr


def test_quiet_prints_only_problems(runner, pipeline, inputs):
    res = runner.invoke(main, ["extract", str(inputs / "corpus.jsonl"), "-q",
                               "-o", str(inputs / "g.trig")])
    assert res.exit_code == 1
    assert [ln for ln in res.stderr.splitlines() if ln.strip()] == [
        f"error: {inputs / 'corpus.jsonl'}:2: not valid JSON"]


def test_lang_option_reaches_the_readers(runner, pipeline, inputs):
    runner.invoke(main, ["extract", str(inputs / "a.txt"), "--lang", "id", "-o", str(inputs / "g.ttl")])
    assert pipeline.calls[-1]["lang"] == "id"
    runner.invoke(main, ["extract", str(inputs / "a.txt"), "-o", str(inputs / "g.ttl")])
    assert pipeline.calls[-1]["lang"] is None


@pytest.mark.parametrize("args, message", [
    (["-o", "g.csv"], "unknown suffix '.csv'"),
    (["-o", "no-such-dir/g.ttl"], "does not exist"),
    (["-o", "g.ttl", "--base", "not an iri"], "base IRI"),
    (["-o", "g.ttl", "--lang", "fr"], "'fr' is not one of"),
    (["--into", "g.txt"], "unknown suffix"),
    ([], "Missing option '-o'"),
])
def test_usage_errors_exit_2(runner, pipeline, inputs, monkeypatch, args, message):
    monkeypatch.chdir(inputs)
    res = runner.invoke(main, ["extract", "a.txt", *args])
    assert res.exit_code == 2
    assert message in res.stderr
    assert not (inputs / "g.ttl").exists()


def test_output_is_not_touched_when_writing_fails(runner, pipeline, inputs, monkeypatch):
    import newskg.graph.files as store
    out = inputs / "g.trig"
    out.write_text("previous graph\n")
    monkeypatch.setattr(store.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(28, "disk full")))
    res = runner.invoke(main, ["extract", str(inputs / "a.txt"), "-o", str(out)])
    assert res.exit_code == 1
    assert "error: cannot write" in res.stderr
    assert out.read_text() == "previous graph\n"


def test_query_table_with_short_names(runner, graph_file):
    res = runner.invoke(main, ["query", str(graph_file), "meetings"])
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0].split()[:3] == ["who", "withWhom", "place"]
    row = next(ln for ln in lines if "Samarkand" in ln)
    assert "nkg:Planned" in row and "article:contoh-2022-09-12-putin-xi" in row
    assert lines[-1] == "2 rows"


def test_query_formats(runner, graph_file):
    res = runner.invoke(main, ["query", str(graph_file), "positions", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert {(r["person"], r["title"], r["of"]) for r in rows} == {
        ("Vladimir Putin", "President", "Russia"), ("Xi Jinping", "President", "China"),
        ("Yuri Ushakov", "foreign policy aide", "Vladimir Putin")}
    res = runner.invoke(main, ["query", str(graph_file), "network", "-f", "json"])
    data = json.loads(res.stdout)
    assert data["head"]["vars"][:3] == ["entity1", "entity2", "sharedEvents"]
    res = runner.invoke(main, ["query", str(graph_file), "network", "-f", "tsv"])
    assert res.stdout.splitlines()[0].startswith("?entity1\t?entity2")


def test_query_params_files_and_text(runner, graph_file, tmp_path):
    res = runner.invoke(main, ["query", str(graph_file), "timeline", "--param", "name=Xi Jinping",
                               "-f", "csv"])
    assert [r["date"] for r in csv.DictReader(io.StringIO(res.stdout))] == ["2022-02-04", "2022-09-14"]
    rq = tmp_path / "mine.rq"
    rq.write_text("SELECT ?t WHERE { ?q nkg:text ?t }")
    res = runner.invoke(main, ["query", str(graph_file), str(rq), "-f", "csv"])
    assert len(res.stdout.strip().splitlines()) == 3
    res = runner.invoke(main, ["query", str(graph_file), "ASK { ?s a nkg:Summit }"])
    assert res.stdout.strip() == "true"


def test_query_works_on_turtle_too(runner, graph_file, tmp_path):
    ttl = KnowledgeGraph.load(graph_file).serialize(tmp_path / "seed.ttl")
    a = runner.invoke(main, ["query", str(graph_file), "summits", "-f", "csv"]).stdout
    b = runner.invoke(main, ["query", str(ttl), "summits", "-f", "csv"]).stdout
    assert a == b and "Shanghai Cooperation Organisation" in a


@pytest.mark.parametrize("args, code, message", [
    (["meeting"], 2, "no saved query or .rq file named 'meeting'"),
    (["timeline"], 2, "needs the parameter ?name"),
    (["timeline", "--param", "name"], 2, "is not NAME=VALUE"),
    (["timeline", "--param", "nmae=x"], 2, "has no variable ?nmae"),
    (["SELECT ?x WHERE { ?x ?y }"], 1, "error: query:"),
])
def test_query_errors(runner, graph_file, args, code, message):
    res = runner.invoke(main, ["query", str(graph_file), *args])
    assert res.exit_code == code
    assert message in res.stderr


def test_query_on_a_broken_graph_file(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n")
    res = runner.invoke(main, ["query", str(bad), "meetings"])
    assert res.exit_code == 1 and res.stderr.startswith(f"error: {bad}")


def fake_validation(monkeypatch, conforms, violations, notes=(), unchecked=()):
    module = types.ModuleType("newskg.graph.validate")
    seen = {}

    def validate(graph, reasoning=True):
        seen["graph"], seen["reasoning"] = graph, reasoning
        return types.SimpleNamespace(conforms=conforms, violations=list(violations),
                                     notes=list(notes), unchecked=list(unchecked))

    module.validate = validate
    monkeypatch.setitem(sys.modules, "newskg.graph.validate", module)
    return seen


def test_validate_prints_violations_and_exits_1(runner, graph_file, monkeypatch):
    seen = fake_validation(monkeypatch, False, ["event:x has no nkg:status", "quote:y has no nkg:text"],
                           ["OWL check skipped: no Java"])
    res = runner.invoke(main, ["validate", str(graph_file)])
    assert res.exit_code == 1
    assert res.stdout.splitlines() == ["violation: event:x has no nkg:status",
                                       "violation: quote:y has no nkg:text"]
    assert "note: OWL check skipped: no Java" in res.stderr and "2 violations" in res.stderr
    assert len(seen["graph"]) > 0


def test_validate_conforming_graph_exits_0(runner, graph_file, monkeypatch):
    fake_validation(monkeypatch, True, [])
    res = runner.invoke(main, ["validate", str(graph_file)])
    assert res.exit_code == 0 and "conforms" in res.stderr


def test_validate_exits_2_when_a_check_could_not_run(runner, graph_file, monkeypatch):
    fake_validation(monkeypatch, True, [], unchecked=["OWL consistency not checked: no Java found"])
    res = runner.invoke(main, ["validate", str(graph_file)])
    assert res.exit_code == 2
    assert f"error: {graph_file}: OWL consistency not checked: no Java found" in res.stderr
    assert "conforms" not in res.stderr


def test_help_texts_show_examples_and_saved_queries(runner):
    top = runner.invoke(main, ["--help"]).stdout
    assert "newskg extract article.txt -o graph.trig" in top
    q = runner.invoke(main, ["query", "--help"]).stdout
    for name in ("meetings", "timeline", "entity_profile"):
        assert name in q
    assert "--param name=" in q
    assert "--lang" in runner.invoke(main, ["extract", "--help"]).stdout


def test_model_option_rejects_unknown_languages_and_pipelines(tmp_path):
    from click.testing import CliRunner
    from newskg.cli import main
    article = tmp_path / "a.txt"
    article.write_text("Presiden Joko Widodo bertemu Perdana Menteri Jepang di Tokyo pada Kamis.", encoding="utf-8")
    runner = CliRunner()
    bad_lang = runner.invoke(main, ["extract", str(article), "-o", str(tmp_path / "o.ttl"), "--model", "xx=foo"])
    assert bad_lang.exit_code == 2 and "LANG=PIPELINE" in bad_lang.output
    missing = runner.invoke(main, ["extract", str(article), "-o", str(tmp_path / "o.ttl"), "--model", "id=no_such_xyz"])
    assert missing.exit_code == 2 and "cannot load" in missing.output
    assert not (tmp_path / "o.ttl").exists()


def test_store_folder_as_store_or_into_and_queried_read_only(runner, pipeline, inputs):
    folder = inputs / "kg"
    first = runner.invoke(main, ["extract", str(inputs / "corpus.jsonl"), "--store", str(folder)])
    assert f"2 articles (2 added, 0 unchanged, 0 replaced), 1 error → {folder}" in first.stderr
    assert "articles/s" in first.stderr                         # the rate, after a corpus
    writer = KnowledgeGraph(path=folder)                        # another process may be writing …
    query = "SELECT ?n WHERE { ?p a nkg:Person ; rdfs:label ?n } ORDER BY ?n"
    res = runner.invoke(main, ["query", str(folder), query, "--format", "csv"])   # … it still reads
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == ["n", "Penny Wong", "Retno Marsudi", "Sri Mulyani"]
    busy = runner.invoke(main, ["extract", str(inputs / "a.txt"), "--into", str(folder)])
    assert busy.exit_code == 1 and "in use by another process" in busy.stderr
    writer.close()
    both = runner.invoke(main, ["extract", "a.txt", "--store", str(folder), "--into", "x"])
    assert both.exit_code == 2 and "not both" in both.stderr
    missing = runner.invoke(main, ["query", str(inputs / "nothing"), "meetings"])
    assert missing.exit_code == 2 and "no such file, folder or URL" in missing.stderr


def test_a_log_gets_whole_error_lines_and_no_progress_bar(runner, pipeline, inputs, tmp_path):
    """stderr that is no terminal (a log file, a pipe) gets each message on a line of its own."""
    done = runner.invoke(main, ["extract", str(inputs / "corpus.jsonl"), "-o", str(tmp_path / "g.trig")])
    assert "\r" not in done.stderr and "it/s" not in done.stderr
    assert any(line.startswith("error: ") for line in done.stderr.splitlines())
