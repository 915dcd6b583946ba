"""Score a trained spaCy pipeline on the held-out test corpora written by convert.py.

NER: exact span-and-type precision, recall and F1, each test set on its own, computed twice:
on the gold tokens (comparable with published figures) and on the pipeline's own tokenizer
(what newskg sees at run time; spans must match the gold character offsets exactly). A dataset is
scored on the labels it annotates (``DATASET_LABELS``): predictions of other labels (EVENT on
NERGrit, MISC on WikiANN) are left out, because that data cannot say whether they are right;
the F1 with every prediction kept is reported too (``f_all_labels``).

UD: each gold sentence is parsed on its own from its gold tokens (Indonesian multiword tokens
merged, as in training). UAS and LAS count every token including punctuation, as the CoNLL 2018
shared task does; ``las`` compares universal relations (subtypes such as ``flat:name`` cut off,
as in CoNLL 2018) and ``las_full`` the full labels. UPOS, XPOS (only where the gold has one) and
morphological features are token accuracies.

Run: ``python training/evaluate.py --model DIR --lang id --corpus training/build/corpus``
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

HERE = Path(__file__).resolve().parent

# labels each NER test set annotates, after label_map.tsv
DATASET_LABELS = {
    "nergrit": {"PERSON", "ORG", "LOC"},
    "nerp": {"PERSON", "ORG", "LOC", "EVENT"},
    "idner": {"PERSON", "ORG", "LOC"},
    "conll2003": {"PER", "ORG", "LOC", "MISC"},
    "wikiann-en": {"PER", "ORG", "LOC"},
}

TEST_SETS = {
    "id": {"ner": {"nergrit": "ner-id/test/nergrit.spacy", "nerp": "ner-id/test/nerp.spacy",
                   "idner": "ner-id/test/idner.spacy"},
           "ud": {"gsd": "ud-id/test/gsd.spacy", "csui": "ud-id/test/csui.spacy"}},
    "en": {"ner": {"conll2003": "ner-en/test/conll2003.spacy",
                   "wikiann-en": "ner-en/extra/wikiann-en-test.spacy"},
           "ud": {"ewt": "ud-en/test/ewt.spacy"}},
}


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Return precision, recall and F1 from counts (0.0 where undefined).

    >>> prf(8, 10, 16)
    {'p': 0.8, 'r': 0.5, 'f': 0.6154}
    """
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4)}


def read_docs(nlp, path: Path) -> list[Doc]:
    """Return the gold Docs of a DocBin file."""
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def on_gold_tokens(nlp, gold: Doc) -> Doc:
    """Return the pipeline's analysis of the gold Doc's tokens (tokenizer skipped)."""
    doc = Doc(nlp.vocab, words=[t.text for t in gold], spaces=[bool(t.whitespace_) for t in gold])
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def score_ner(nlp, docs: list[Doc], labels: set[str]) -> dict:
    """Return NER scores of the pipeline on gold Docs: per tokenization, overall and per label."""
    result = {}
    for mode in ("gold_tokens", "spacy_tokenizer"):
        counts: Counter = Counter()
        for gold in docs:
            pred = on_gold_tokens(nlp, gold) if mode == "gold_tokens" else nlp(gold.text)
            g = {(e.start_char, e.end_char, e.label_) for e in gold.ents}
            p_all = {(e.start_char, e.end_char, e.label_) for e in pred.ents}
            p = {s for s in p_all if s[2] in labels}
            counts["tp"] += len(g & p)
            counts["pred"] += len(p)
            counts["gold"] += len(g)
            counts["tp_all"] += len(g & p_all)
            counts["pred_all"] += len(p_all)
            for label in labels:
                counts[f"tp:{label}"] += sum(1 for s in g & p if s[2] == label)
                counts[f"pred:{label}"] += sum(1 for s in p if s[2] == label)
                counts[f"gold:{label}"] += sum(1 for s in g if s[2] == label)
        scores = prf(counts["tp"], counts["pred"], counts["gold"])
        scores["f_all_labels"] = prf(counts["tp_all"], counts["pred_all"], counts["gold"])["f"]
        scores["n_gold"] = counts["gold"]
        scores["per_label"] = {lab: dict(prf(counts[f"tp:{lab}"], counts[f"pred:{lab}"],
                                             counts[f"gold:{lab}"]), n=counts[f"gold:{lab}"])
                               for lab in sorted(labels)}
        result[mode] = scores
    return result


def score_ud(nlp, docs: list[Doc]) -> dict:
    """Return UAS, LAS, UPOS/XPOS/feature accuracies, parsing each gold sentence from gold tokens."""
    c: Counter = Counter()
    for gold_doc in docs:
        for sent in gold_doc.sents:
            gold = sent.as_doc()
            pred = on_gold_tokens(nlp, gold)
            for g, p in zip(gold, pred):
                c["n"] += 1
                head_ok = g.head.i == p.head.i
                c["uas"] += head_ok
                g_dep, p_dep = g.dep_.lower(), p.dep_.lower()
                c["las_full"] += head_ok and g_dep == p_dep
                c["las"] += head_ok and g_dep.split(":")[0] == p_dep.split(":")[0]
                c["upos"] += g.pos_ == p.pos_
                c["feats"] += str(g.morph) == str(p.morph)
                if g.tag_:
                    c["n_xpos"] += 1
                    c["xpos"] += g.tag_ == p.tag_
    out = {k: round(c[k] / c["n"], 4) for k in ("uas", "las", "las_full", "upos", "feats")}
    out["xpos"] = round(c["xpos"] / c["n_xpos"], 4) if c["n_xpos"] else None
    out["n_tokens"] = c["n"]
    return out


def evaluate(model: Path, lang: str, corpus: Path) -> dict:
    """Return every score of the model on its language's test sets (missing sets are skipped)."""
    nlp = spacy.load(model)
    results: dict = {"model": str(model), "lang": lang, "ner": {}, "ud": {}}
    if "ner" in nlp.pipe_names:
        for name, rel in TEST_SETS[lang]["ner"].items():
            if (corpus / rel).exists():
                t0 = time.time()
                results["ner"][name] = score_ner(nlp, read_docs(nlp, corpus / rel),
                                                 DATASET_LABELS[name])
                results["ner"][name]["seconds"] = round(time.time() - t0, 1)
    if "parser" in nlp.pipe_names:
        for name, rel in TEST_SETS[lang]["ud"].items():
            if (corpus / rel).exists():
                results["ud"][name] = score_ud(nlp, read_docs(nlp, corpus / rel))
    return results


def summary(results: dict) -> str:
    """Return a short plain-text table of the headline scores."""
    lines = []
    for name, s in results["ner"].items():
        g, t = s["gold_tokens"], s["spacy_tokenizer"]
        lines.append(f"NER {name:11s} P {g['p']:.4f} R {g['r']:.4f} F {g['f']:.4f} "
                     f"(all labels {g['f_all_labels']:.4f}; spaCy tokenizer F {t['f']:.4f}) "
                     + " ".join(f"{k}={v['f']:.3f}" for k, v in g["per_label"].items()))
    for name, s in results["ud"].items():
        lines.append(f"UD  {name:11s} UAS {s['uas']:.4f} LAS {s['las']:.4f} "
                     f"(full labels {s['las_full']:.4f}) UPOS {s['upos']:.4f} "
                     f"XPOS {s['xpos']} FEATS {s['feats']:.4f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--lang", choices=sorted(TEST_SETS), required=True)
    parser.add_argument("--corpus", type=Path, default=HERE / "build" / "corpus")
    parser.add_argument("--out", type=Path, help="write the scores as JSON here")
    args = parser.parse_args(argv)
    results = evaluate(args.model, args.lang, args.corpus)
    print(summary(results))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
