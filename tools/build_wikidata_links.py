"""Regenerate newskg's offline Wikidata link table, `src/newskg/resources/common/wikidata/links.tsv`.

Run by hand from the repository root, naming the raw public files (kept OUTSIDE the repository)::

    python tools/build_wikidata_links.py --owid /path/to/owid-countries.tsv \\
        [--table /path/to/extra.tsv ...] [--check]

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
* `--table` (repeatable): further extracts already in the output format (`qid	type	name	aliases
  country`), each starting with a `# Source:` comment line naming its origin and licence; those lines are
  copied into the output header.

A QID given for two different names of the same type, or a name given two QIDs, is reported; the
output keeps the first and the report says which. `--check` exits 1 when the file would change.
"""
from __future__ import annotations

import argparse
import csv
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

    def add(self, qid: str, type_: str, name: str, aliases=(), country: str = "", source: str = ""):
        if not qid.startswith("Q") or not qid[1:].isdigit():
            self.problems.append(f"not a QID: {qid!r} for {type_} {name!r} ({source})")
            return
        known = self.by_name.get((type_, name.casefold()))
        if known and known != qid:
            self.problems.append(f"{type_} {name!r}: {known} kept, {qid} from {source} dropped")
            return
        row = self.rows.get((qid, type_))
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


def extra(table: Table, path: Path) -> list[str]:
    """Rows of an extract in the output format; returns its `# Source:` lines."""
    comments, rows = read_tsv(path)
    sources = [c for c in comments if c.lower().startswith("# source")]
    if not sources:
        sys.exit(f"{path}: the first comment line must say '# Source: ...' (origin and licence)")
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
    ap.add_argument("--table", type=Path, action="append", default=[], help="extra extract (repeatable)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="exit 1 if the output would change")
    args = ap.parse_args(argv)
    table = Table()
    registry(table)
    owid(table, args.owid)
    source_lines = []
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
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        return 0 if current == text else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
