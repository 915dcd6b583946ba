"""Every output format is well-formed for any text: control characters in the text or the id
(issue 11, finding 6).  Each written file is parsed back by rdflib and by pyoxigraph."""
import pyoxigraph as ox
import pytest
import rdflib

from newskg.api import KnowledgeGraph
from newskg.article import Article
from newskg.facts import Entity, Facts, Span
from newskg.graph.files import WRITE_FORMATS

RDFLIB_FORMAT = {".ttl": "turtle", ".turtle": "turtle", ".trig": "trig", ".nq": "nquads",
                 ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml"}


@pytest.mark.parametrize("suffix", WRITE_FORMATS)
def test_control_characters_in_text_and_id_give_a_well_formed_file(tmp_path, suffix):
    text = "Putin\x01 tiba di\u0000 Samarkand\x0b\x1f\x7f."
    article = Article(text=text, id="story\x01\u00001", lang="id", title="Judul\x02")
    kg = KnowledgeGraph()
    kg.add_facts(Facts(article, entities=[Entity("e1", "Person", "Putin\x03", [Span(0, 6, "Putin\x01")])]))
    path = kg.serialize(tmp_path / f"g{suffix}")
    parsed = rdflib.Dataset()
    parsed.parse(path, format=RDFLIB_FORMAT[suffix])
    assert len(parsed) > 5 or len(list(parsed.quads((None, None, None, None)))) > 5
    fmt = ox.RdfFormat.TURTLE if suffix == ".turtle" else ox.RdfFormat.from_extension(suffix[1:])
    assert len(list(ox.parse(path=str(path), format=fmt))) > 5
    ids = {str(o) for o in parsed.objects(None, rdflib.DCTERMS.identifier)} | {
        str(o) for _, _, o, _ in parsed.quads((None, rdflib.DCTERMS.identifier, None, None))}
    if suffix == ".rdf":          # XML 1.0 cannot hold them at all: U+FFFD in their place
        assert ids == {"story\ufffd\ufffd1"}
    else:                         # every other format keeps the text exactly
        assert ids == {"story\x01\u00001"}
