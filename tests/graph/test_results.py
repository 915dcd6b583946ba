import csv
import io
import json

from rdflib import BNode, Literal, URIRef

from newskg.vocab.namespaces import XSD
from newskg.graph.results import Rows, format_csv, format_json, format_table, format_tsv, shorten

PRE = {"nkg": "https://w3id.org/newskg/ontology#", "id": "https://w3id.org/newskg/id/",
       "person": "https://w3id.org/newskg/id/person/"}
ROWS = Rows(["who", "date", "status", "note"], [
    {"who": URIRef("https://w3id.org/newskg/id/person/vladimir-putin"),
     "date": Literal("2022-09-14", datatype=XSD.date),
     "status": URIRef("https://w3id.org/newskg/ontology#Planned"),
     "note": Literal('He said "yes",\nthen left', lang="en")},
    {"who": URIRef("http://example.org/other"), "date": None, "status": None, "note": None},
])


def test_shorten_prefers_the_longest_namespace():
    assert shorten(URIRef("https://w3id.org/newskg/id/person/xi-jinping"), PRE) == "person:xi-jinping"
    assert shorten(URIRef("https://w3id.org/newskg/id/event/abc"), PRE) == "id:event/abc"
    assert shorten(URIRef("http://example.org/x"), PRE) == "http://example.org/x"
    assert shorten(BNode("b1"), PRE) == "_:b1"


def test_table_is_aligned_with_short_names():
    lines = format_table(ROWS, PRE).splitlines()
    assert lines[0].split() == ["who", "date", "status", "note"]
    assert lines[2].split()[:3] == ["person:vladimir-putin", "2022-09-14", "nkg:Planned"]
    assert lines[0].index("date") == lines[2].index("2022-09-14")
    assert lines[0].index("status") == lines[2].index("nkg:Planned")
    assert "then left" in lines[2]            # newlines in cells do not break rows
    assert lines[-1] == "2 rows"


def test_csv_follows_sparql_csv():
    rows = list(csv.reader(io.StringIO(format_csv(ROWS))))
    assert rows[0] == ["who", "date", "status", "note"]
    assert rows[1] == ["https://w3id.org/newskg/id/person/vladimir-putin", "2022-09-14",
                       "https://w3id.org/newskg/ontology#Planned", 'He said "yes",\nthen left']
    assert rows[2] == ["http://example.org/other", "", "", ""]


def test_tsv_keeps_types_and_languages():
    lines = format_tsv(ROWS).splitlines()
    assert lines[0] == "?who\t?date\t?status\t?note"
    cells = lines[1].split("\t")
    assert cells[0] == "<https://w3id.org/newskg/id/person/vladimir-putin>"
    assert cells[1] == '"2022-09-14"^^<http://www.w3.org/2001/XMLSchema#date>'
    assert cells[3] == '"He said \\"yes\\",\\nthen left"@en'


def test_json_follows_sparql_json():
    data = json.loads(format_json(ROWS))
    assert data["head"]["vars"] == ["who", "date", "status", "note"]
    first, second = data["results"]["bindings"]
    assert first["who"] == {"type": "uri", "value": "https://w3id.org/newskg/id/person/vladimir-putin"}
    assert first["date"]["datatype"] == str(XSD.date)
    assert first["note"]["xml:lang"] == "en"
    assert set(second) == {"who"}            # unbound variables are left out
