"""The bundled Wikidata link table and the script that builds it (tools/build_wikidata_links.py)."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from newskg import resources
from newskg.nlp.gazetteer import fold
from newskg.resolve.links import LINKS_FILE, LinkTable

ROOT = Path(__file__).resolve().parents[2]
TYPES = {"Person", "Organization", "Country", "Place"}


@pytest.fixture(scope="module")
def rows():
    return resources.read_tsv(*LINKS_FILE)


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_wikidata_links",
                                                  ROOT / "tools" / "build_wikidata_links.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_rows_are_typed_and_sourced(rows):
    header = (ROOT / "src" / "newskg" / "resources" / Path(*LINKS_FILE)).read_text(encoding="utf-8")
    header = "\n".join(line for line in header.splitlines() if line.startswith("#"))
    countries = {r["name"] for r in resources.read_tsv("common", "gazetteer", "countries.tsv")}
    for r in rows:
        assert re.fullmatch(r"Q\d+", r["qid"]), r
        assert r["type"] in TYPES, r
        assert r["sources"], r
        for src in r["sources"].split("|"):
            # every source a row names is declared, with its licence, in the file header
            assert src in {"newskg-gazetteer", "owid"} or src in header, (src, r["name"])
        if r["type"] in ("Person", "Place") and r.get("country"):
            assert r["country"] in countries, r


def test_registry_names_still_link_to_their_qid(rows):
    table = LinkTable.load()
    for r in resources.read_tsv_dir("common", "gazetteer"):
        if r.get("qid"):
            link = table.lookup(r["type"], r["name"])
            assert link is not None and link.qid == r["qid"], r["name"]


def test_places_from_public_sources_keep_the_gazetteer_name(rows):
    gazetteer = {fold(r["name"]) for r in resources.read_tsv("common", "gazetteer", "places.tsv")}
    gazetteer |= {fold(r["name"]) for r in resources.read_tsv_dir("common", "gazetteer") if r["type"] == "Place"}
    for r in rows:
        if r["type"] == "Place":
            assert fold(r["name"]) in gazetteer, r["name"]


def test_a_form_naming_two_items_of_one_type_links_to_neither(rows):
    table = LinkTable.load()
    owners: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        for form in [r["name"], *resources.split_multi(r.get("aliases", ""))]:
            owners.setdefault((r["type"], fold(form)), set()).add(r["qid"])
    shared = [(t, f) for (t, f), q in owners.items() if len(q) > 1]
    for type_, form in shared:
        assert table.lookup(type_, form) is None, form


def test_leaders_extract_is_read_with_roles_and_dates(build, tmp_path):
    path = tmp_path / "ruritania.tsv"
    path.write_text(
        "# Source: every-politician-scrapers/example-ministers, html/holders21.csv at commit abcdef0123 (test).\n"
        "country\trole\tposition\tname\tqid\tstart\tend\talias\n"
        "Indonesia\thead_of_state|head_of_government\tPresident\tAda Example\tQ9990001\t2001-01-01\t\tA. Example\n"
        "Indonesia\tforeign_minister\tForeign Minister\tBo Oldtimer\tQ9990002\t1990\t1999-06-30\t\n",
        encoding="utf-8")
    table, scope = build.Table(), {}
    sources = build.leaders(table, path, scope)
    assert sources and sources[0].startswith("# Source:")
    row = table.rows[("Q9990001", "Person")]
    assert row["country"] == "Indonesia" and row["aliases"] == ["A. Example"]
    assert row["sources"] == ["example-ministers"]
    assert ("Q9990002", "Person") not in table.rows          # left office before 2000
    assert scope[("Indonesia", "head_of_government")] == {"Q9990001"}


def test_leaders_extract_rejects_unknown_countries_and_roles(build, tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("# Source: x\ncountry\trole\tposition\tname\tqid\tstart\tend\talias\n"
                    "Atlantis\thead_of_state\tKing\tNobody\tQ1\t2001\t\t\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="Atlantis"):
        build.leaders(build.Table(), path, {})


def test_registry_wins_a_name_given_another_qid(build):
    table = build.Table()
    table.add("Q1000001", "Person", "Ada Example", source="newskg-gazetteer")
    table.add("Q1000002", "Person", "Ada Example", source="example-ministers")
    assert ("Q1000002", "Person") not in table.rows
    assert any("Q1000002" in p for p in table.problems)
