"""Person names on 300 real articles: honorifics kept in labels, bare titles as people, and the
duplicate nodes they cause.

    python benchmarks/real_articles.py ../shared/data [-o graph.trig] [--per-language 150] [-v]

The corpus is the first 150 unique IndoSum articles (file order) and the first 150 BBC politics
stories (file-name order): the same 300 texts every run (`benchmarks/news.py` reads them; nothing
is copied anywhere).  They are extracted into one graph, then reported:

- person labels that begin with an honorific (`resources/<lang>/honorifics.tsv`, every language:
  "Mr Blair", "Bapak Joko", "Dr. Fox");
- bare-title persons: a person whose label holds only titles and honorifics ("Raja", "President",
  "Mr");
- `newskg duplicates` pairs of people that only an honorific or an office title separates: the two
  labels name the same words once leading honorifics and titles are dropped ("Mr Blair" / "Blair"),
  or one label leads with an honorific or title and what is left is part of the other
  ("Ms Hewitt" / "Patricia Hewitt");
- as context: people whose label is the name of a known organisation or outlet ("Reuters").

Exit status 0 whatever the counts: this measures, it does not judge.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from news import english, indonesian, write_jsonl  # noqa: E402

PERSON = "https://w3id.org/newskg/ontology#Person"


def build_corpus(data: Path, n: int) -> list[dict]:
    """The first n unique IndoSum articles and the first n BBC politics stories."""
    en = [r for r in english(data) if r["id"].startswith("bbc-politics-")][:n]
    return indonesian(data, n) + en


def leading_forms() -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """(honorifics, office titles) of every language, folded, as word tuples."""
    from newskg import resources
    from newskg.nlp.gazetteer import fold
    hon, titles = set(), set()
    for lang in resources.languages():
        for row in resources.read_tsv(lang, "honorifics.tsv"):
            hon.add(tuple(fold(row["form"]).rstrip(".").split()))
        for row in resources.read_tsv(lang, "titles.tsv"):
            titles.add(tuple(fold(row["form"]).rstrip(".").split()))
    return {f for f in hon if f}, {f for f in titles if f}


def _words(label: str) -> list[str]:
    from newskg.nlp.gazetteer import fold
    return [w.strip(".,") for w in fold(label).split() if w.strip(".,")]


def starts_with(label: str, forms: set[tuple[str, ...]]) -> bool:
    words = _words(label)
    return any(tuple(words[:len(f)]) == f for f in forms)


def bare_title(label: str, forms: set[tuple[str, ...]]) -> bool:
    """True when the label is made of titles and honorifics only."""
    words = _words(label)
    longest = max((len(f) for f in forms), default=0)
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            if tuple(words[i:i + n]) in forms:
                i += n
                break
        else:
            return False
    return bool(words)


def title_pair(a: str, b: str, leading: set[tuple[str, ...]]) -> bool:
    """Two person labels that only a leading honorific or title separates."""
    from newskg.resolve.names import name_words
    if _words(a) == _words(b):
        return False
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    led_a, led_b = starts_with(a, leading), starts_with(b, leading)
    if wa == wb:
        return led_a or led_b   # not "Iwa" / "Iwa K": an initial is no title
    return (led_a and set(wa) < set(wb)) or (led_b and set(wb) < set(wa))


def report(kg, verbose: bool) -> dict:
    from newskg.nlp.gazetteer import Gazetteer
    hon, titles = leading_forms()
    rows = kg.query("""
        PREFIX nkg: <https://w3id.org/newskg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?p ?label (COUNT(DISTINCT ?a) AS ?n) WHERE {
          ?p a nkg:Person ; rdfs:label ?label . OPTIONAL { ?p nkg:mentionedIn ?a }
        } GROUP BY ?p ?label ORDER BY ?label""")
    people = [(str(r["p"]), str(r["label"]), int(r["n"])) for r in rows]
    honorific = sorted({label for _, label, _ in people if starts_with(label, hon)})
    bare = sorted({label for _, label, _ in people if bare_title(label, hon | titles)})
    non_person = set()
    for lang in ("id", "en"):
        gaz = Gazetteer.load(lang)
        non_person |= {label for _, label, _ in people
                       if any(e.type in {"Organization", "Country", "Place"} for e in gaz.lookup(label))}
    pairs = [s for s in kg.duplicates() if s.type == "Person"
             and title_pair(s.label_a, s.label_b, hon | titles)]
    out = {
        "articles": len(list(kg.query("SELECT DISTINCT ?a WHERE { ?a a "
                                      "<https://w3id.org/newskg/ontology#Article> }"))),
        "person_nodes": len(people),
        "honorific_labels": len(honorific),
        "bare_title_persons": len(bare),
        "title_duplicate_pairs": len(pairs),
        "persons_named_like_known_non_persons": len(non_person),
    }
    if verbose:
        out["examples"] = {
            "honorific_labels": honorific,
            "bare_title_persons": bare,
            "title_duplicate_pairs": [f"{s.label_a} / {s.label_b} ({s.reason})" for s in pairs],
            "persons_named_like_known_non_persons": sorted(non_person),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="the shared data folder (holding news-id/, news-en/)")
    ap.add_argument("--per-language", type=int, default=150)
    ap.add_argument("-o", "--output", type=Path, help="also write the graph here (.trig, .ttl, …)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the labels and pairs found")
    a = ap.parse_args(argv)

    from newskg.api import KnowledgeGraph
    records = build_corpus(a.data, a.per_language)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_jsonl(records, Path(tmp) / "real.jsonl")
        kg = KnowledgeGraph()
        t0 = time.perf_counter()
        errors = [x for x in kg.ingest([corpus]) if not isinstance(x, tuple)]
        seconds = time.perf_counter() - t0
        if a.output:
            kg.serialize(str(a.output))
        result = {"records": len(records), "errors": len(errors), "seconds": round(seconds, 1)}
        result.update(report(kg, a.verbose))
        kg.close()
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
