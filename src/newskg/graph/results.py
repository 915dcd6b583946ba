"""SPARQL SELECT results as `Rows` (a list of dicts), and their text forms: table, CSV, TSV, JSON.

CSV, TSV and JSON follow the W3C SPARQL 1.1 result formats, so other tools read them; the table is
for people: IRIs shortened with prefixes, literals shown by their value, long cells cut.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Iterable, Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from ..vocab.namespaces import XSD


class Rows(list):
    """Rows of a SELECT query: each a dict variable name → rdflib term (None when unbound).

    `vars` lists the variable names in the query's order.

    >>> rows = Rows(["who", "when"], [{"who": Literal("Xi Jinping"), "when": None}])
    >>> rows.vars, str(rows[0]["who"]), rows[0]["when"]
    (['who', 'when'], 'Xi Jinping', None)
    >>> rows.column("who")
    ['Xi Jinping']
    """

    def __init__(self, vars: Iterable[str], rows: Iterable[Mapping[str, Node | None]] = ()):
        self.vars = list(vars)
        super().__init__({v: r.get(v) for v in self.vars} for r in rows)

    def column(self, var: str) -> list[str | None]:
        """The values of one variable as plain strings (None where unbound)."""
        return [None if r[var] is None else str(r[var]) for r in self]

    def __repr__(self) -> str:
        return f"Rows(vars={self.vars!r}, {len(self)} rows)"


def plain(term: Node | None) -> Node | None:
    """The term with an explicit xsd:string datatype dropped (RDF 1.1: the same literal).

    Oxigraph returns `"x"^^xsd:string` where rdflib's own store returns `"x"`; rows carry the latter.

    >>> plain(Literal("x", datatype=XSD.string)) == Literal("x")
    True
    """
    if isinstance(term, Literal) and term.datatype == XSD.string and not term.language:
        return Literal(str(term))
    return term


def rows_from_result(result: Result) -> Rows:
    """Rows of an rdflib SELECT result, with literals made store-independent (see `plain`)."""
    names = [str(v) for v in result.vars or []]
    return Rows(names, ({n: plain(row[i]) for i, n in enumerate(names)} for row in result))


def shorten(term: Node | None, prefixes: Mapping[str, str]) -> str:
    """A short readable form of a term: `prefix:local` for IRIs, the value for literals.

    The longest matching namespace wins.

    >>> pre = {"nkg": "https://w3id.org/newskg/ontology#", "person": "https://w3id.org/newskg/id/person/"}
    >>> shorten(URIRef("https://w3id.org/newskg/id/person/xi-jinping"), pre)
    'person:xi-jinping'
    >>> shorten(Literal("2022-09-14", datatype=XSD.date), pre), shorten(None, pre)
    ('2022-09-14', '')
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        best = max((ns for ns in prefixes.values() if term.startswith(ns)), key=len, default=None)
        if best is None:
            return str(term)
        prefix = next(p for p, ns in prefixes.items() if ns == best)
        return f"{prefix}:{term[len(best):]}"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def format_table(rows: Rows, prefixes: Mapping[str, str], max_width: int = 60) -> str:
    """An aligned text table with a header line; cells longer than `max_width` cut with "…".

    `max_width` 0 means no limit.

    >>> print(format_table(Rows(["a", "b"], [{"a": Literal("x"), "b": Literal("long text")}]), {}, 6))
    a  b
    -  ------
    x  long …
    <BLANKLINE>
    1 row
    """
    def cut(s: str) -> str:
        s = " ".join(s.split())
        return s if not max_width or len(s) <= max_width else s[: max_width - 1] + "…"

    cells = [[cut(shorten(r[v], prefixes)) for v in rows.vars] for r in rows]
    widths = [max([len(v)] + [len(c[i]) for c in cells]) for i, v in enumerate(rows.vars)]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()

    out = [line(rows.vars), line(["-" * w for w in widths])]
    out += [line(c) for c in cells]
    out += ["", f"{len(rows)} row{'' if len(rows) == 1 else 's'}"]
    return "\n".join(out)


def format_csv(rows: Rows) -> str:
    """SPARQL 1.1 CSV results: full IRIs, literal values without quotes or datatypes."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(rows.vars)
    for r in rows:
        writer.writerow(["" if r[v] is None else (f"_:{r[v]}" if isinstance(r[v], BNode)
                                                  else str(r[v])) for v in rows.vars])
    return buf.getvalue()


def format_tsv(rows: Rows) -> str:
    """SPARQL 1.1 TSV results: terms in Turtle/N-Triples syntax, so types and languages survive."""
    lines = ["\t".join(f"?{v}" for v in rows.vars)]
    for r in rows:
        lines.append("\t".join("" if r[v] is None else ntriples(r[v]) for v in rows.vars))
    return "\n".join(lines) + "\n"


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def ntriples(term: Node) -> str:
    """The term in N-Triples syntax, on one line (tabs and newlines escaped).

    >>> print(ntriples(Literal('a "b"\\tc', lang="en")))
    "a \\"b\\"\\tc"@en
    """
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    return term.n3()


def format_json(rows: Rows) -> str:
    """SPARQL 1.1 JSON results (`head.vars`, `results.bindings`)."""
    def term(t: Node) -> dict:
        if isinstance(t, URIRef):
            return {"type": "uri", "value": str(t)}
        if isinstance(t, BNode):
            return {"type": "bnode", "value": str(t)}
        out = {"type": "literal", "value": str(t)}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype is not None:
            out["datatype"] = str(t.datatype)
        return out

    bindings = [{v: term(r[v]) for v in rows.vars if r[v] is not None} for r in rows]
    return json.dumps({"head": {"vars": rows.vars}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"csv": format_csv, "tsv": format_tsv, "json": format_json}
