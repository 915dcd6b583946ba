"""The shared fault and bad-input folders through `newskg extract`, to every output format: every good
article lands, every bad record gets one error line, no traceback, and every file parses with rdflib
and pyoxigraph (issue 11, must-show)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FAULTS, BAD = SHARED / "faults", SHARED / "bad"
pytestmark = pytest.mark.skipif(not (FAULTS.is_dir() and BAD.is_dir()),
                                reason="shared evaluation kit not present")
RULES = ["--model", "id=rules", "--model", "en=rules"]
ARTICLE = "https://w3id.org/newskg/ontology#Article"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

#: what each format is read back with: (rdflib format, pyoxigraph format)
FORMATS = {".trig": ("trig", ox.RdfFormat.TRIG), ".nq": ("nquads", ox.RdfFormat.N_QUADS),
           ".ttl": ("turtle", ox.RdfFormat.TURTLE), ".nt": ("nt", ox.RdfFormat.N_TRIPLES),
           ".jsonld": ("json-ld", ox.RdfFormat.JSON_LD), ".rdf": ("xml", ox.RdfFormat.RDF_XML)}
#: the good articles: the five colliding ids, four good records around the bad one, the page with
#: a relative canonical link, the text with a control character; and the three good ones of bad/
GOOD = 5 + 4 + 1 + 1 + 3
#: the bad records: the lone surrogate; binary, empty, three broken .jsonl lines, a page without
#: text and an unsupported language
BAD_LINES = 1 + 7


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".ttl", ".nt", ".jsonld", ".rdf"])
def test_faults_and_bad_inputs_to_every_format(tmp_path, suffix):
    out = tmp_path / f"graph{suffix}"
    done = subprocess.run([sys.executable, "-m", "newskg.cli", "extract", str(FAULTS), str(BAD),
                           "-o", str(out), *RULES], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1                      # some inputs failed
    errors = [ln for ln in done.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == BAD_LINES, errors
    assert len({e.split(": ")[1] for e in errors}) == BAD_LINES      # one line per bad record
    assert f"{GOOD} articles, {BAD_LINES} errors → {out}" in done.stderr
    rdflib_format, ox_format = FORMATS[suffix]
    ds = rdflib.Dataset()
    ds.parse(out, format=rdflib_format)
    articles = {s for s, p, o, _ in ds.quads((None, rdflib.RDF.type, rdflib.URIRef(ARTICLE), None))}
    assert len(articles) == GOOD
    quads = list(ox.parse(path=str(out), format=ox_format))
    assert len({q.subject for q in quads if q.predicate == ox.NamedNode(RDF_TYPE)
                and q.object == ox.NamedNode(ARTICLE)}) == GOOD
