"""Assemble the shipped pipeline of one language from its trained parts and save it.

Takes the trained UD pipeline (tok2vec, tagger, morphologizer, parser), adds the separately
trained ``ner`` (which carries its own tok2vec) with ``source=``, adds a lemmatizer whose tables
are copied from spacy-lookups-data INTO the pipeline (Indonesian: lookup table; English: rule
tables, which read the morphologizer's POS), writes meta.json (sources, licences, scores from
evaluate.py) and saves everything with ``nlp.to_disk`` to ``src/newskg/models/<lang>``.
spacy-lookups-data is needed here, not when the saved pipeline is loaded.

Run: ``python training/package.py --lang id --ud RUN/model-best --ner RUN/model-best
--scores build/scores-id.json``
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import spacy

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

LEMMATIZER = {"id": {"mode": "lookup"}, "en": {"mode": "rule"}}

SOURCES = {
    "id": [
        {"name": "NERGrit (IndoNLU)", "url": "https://github.com/IndoNLP/indonlu",
         "license": "Apache-2.0", "used_for": "ner"},
        {"name": "NERP (IndoNLU, Prosa)", "url": "https://github.com/IndoNLP/indonlu",
         "license": "Apache-2.0", "used_for": "ner"},
        {"name": "idner-news-2k", "url": "https://github.com/khairunnisaor/idner-news-2k",
         "license": "MIT", "used_for": "ner"},
        {"name": "UD Indonesian-CSUI (train)", "url":
         "https://github.com/UniversalDependencies/UD_Indonesian-CSUI", "license": "CC BY-SA 4.0",
         "used_for": "tagger, morphologizer, parser"},
        {"name": "UD Indonesian-GSD (dev)", "url":
         "https://github.com/UniversalDependencies/UD_Indonesian-GSD", "license": "CC BY-SA 4.0",
         "used_for": "morphologizer, parser"},
        {"name": "UD Indonesian-PUD (model selection only)", "url":
         "https://github.com/UniversalDependencies/UD_Indonesian-PUD", "license": "CC BY-SA 3.0",
         "used_for": "choosing the best checkpoint"},
        {"name": "spacy-lookups-data (id_lemma_lookup, id_lexeme_norm)",
         "url": "https://github.com/explosion/spacy-lookups-data", "license": "MIT",
         "used_for": "lemmatizer, norms"},
    ],
    "en": [
        {"name": "CoNLL-2003 English (Reuters RCV1 text)",
         "url": "https://www.clips.uantwerpen.be/conll2003/ner/",
         "license": "research use only (Reuters RCV1 agreement); not redistributable",
         "used_for": "ner"},
        {"name": "UD English-EWT", "url": "https://github.com/UniversalDependencies/UD_English-EWT",
         "license": "CC BY-SA 4.0", "used_for": "tagger, morphologizer, parser"},
        {"name": "spacy-lookups-data (en_lemma_rules/index/exc, en_lexeme_norm)",
         "url": "https://github.com/explosion/spacy-lookups-data", "license": "MIT",
         "used_for": "lemmatizer, norms"},
    ],
}

LICENSE = {
    "id": "CC BY-SA 4.0 (share-alike terms of the UD treebanks it was trained on)",
    "en": ("RESEARCH USE ONLY: the ner component is trained on CoNLL-2003 (Reuters RCV1 text, "
           "research-use agreement); the rest on UD English-EWT (CC BY-SA 4.0). See MODELS.md."),
}


def assemble(lang: str, ud: Path, ner: Path) -> spacy.Language:
    """Return the complete pipeline: the UD pipeline, the sourced ner and a lemmatizer."""
    nlp = spacy.load(ud)
    ner_nlp = spacy.load(ner)
    if "tok2vec" in ner_nlp.pipe_names:  # give the ner its own copy of the tok2vec it listens to
        ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    nlp.add_pipe("ner", source=ner_nlp)
    lemmatizer = nlp.add_pipe("lemmatizer", config=LEMMATIZER[lang])
    lemmatizer.initialize()  # copies the tables from spacy-lookups-data into the component
    return nlp


def write_meta(nlp: spacy.Language, lang: str, scores: dict | None) -> None:
    """Fill nlp.meta with name, licence, data sources and the evaluate.py scores."""
    nlp.meta.update({
        "name": f"newskg_{lang}",
        "version": "0.1.0",
        "description": (f"newskg's bundled {lang} pipeline: tagger, morphologizer, parser, ner, "
                        "lemmatizer (CPU, no vectors). Data, scores and limits: MODELS.md."),
        "author": "newskg",
        "license": LICENSE[lang],
        "sources": SOURCES[lang],
        "spacy_version": f">={spacy.about.__version__.rsplit('.', 1)[0]},<3.9",
    })
    if scores:
        nlp.meta["performance"] = {"test": {"ner": {k: v["gold_tokens"] for k, v in
                                                    scores.get("ner", {}).items()},
                                            "ud": scores.get("ud", {})}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=sorted(LEMMATIZER), required=True)
    parser.add_argument("--ud", type=Path, required=True, help="trained UD pipeline folder")
    parser.add_argument("--ner", type=Path, required=True, help="trained NER pipeline folder")
    parser.add_argument("--scores", type=Path, help="evaluate.py JSON to copy into meta.json")
    parser.add_argument("--out", type=Path, help="default: src/newskg/models/<lang>")
    args = parser.parse_args(argv)
    out = args.out or REPO / "src" / "newskg" / "models" / args.lang
    nlp = assemble(args.lang, args.ud, args.ner)
    scores = json.loads(args.scores.read_text()) if args.scores and args.scores.exists() else None
    write_meta(nlp, args.lang, scores)
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"saved {nlp.meta['name']} {nlp.pipe_names} to {out} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
