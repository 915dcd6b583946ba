"""Convert the shared annotated data into spaCy DocBin corpora for the model recipe.

Reads the data folder given by ``--data`` (layout and quirks in its SOURCES.md) and writes
``.spacy`` files under ``--out`` (default ``training/build/corpus``, git-ignored):

    ner-id/{train,dev,test}/{nergrit,nerp,idner}.spacy   Indonesian NER, labels mapped by label_map.tsv
    ner-en/{train,dev,test}/conll2003.spacy               English NER (CoNLL-2003, 4 labels kept)
    ner-id/extra/wikiann-id-{train,dev}.spacy             WikiANN Indonesian (experiments only)
    ner-en/extra/wikiann-en-{train,test}.spacy            WikiANN English (``en:`` prefix stripped)
    ud-id/train/{csui-train,gsd-dev}.spacy                Indonesian UD training data
    ud-id/dev/pud.spacy                                   Indonesian UD model selection (PUD)
    ud-id/test/{gsd,csui}.spacy                           Indonesian UD evaluation
    ud-en/{train,dev,test}/ewt.spacy                      English UD (EWT)
    raw-id/indosum.jsonl                                  unlabelled Indonesian news for
                                                          ``spacy pretrain`` (one paragraph a line)

Indonesian multiword tokens (clitics such as ``-nya``) are merged into one token, as spaCy's
``convert --merge-subtokens`` does, because the Indonesian tokenizer does not split them. English
keeps EWT's syntactic words, which match how spaCy's English tokenizer splits ``don't`` or
``gonna``. Only CSUI's XPOS column is kept as the Indonesian fine-grained tag (GSD and PUD use
other tag sets); their tags are left unset, which spaCy's tagger treats as missing.

Run: ``python training/convert.py --data ../shared/data``
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.training.converters.conllu_to_docs import read_conllx

HERE = Path(__file__).resolve().parent
LABEL_MAP = HERE / "label_map.tsv"

# (dataset, split) -> (relative path, token column, tag column, column separator, token prefix)
NER_FILES = {
    ("nergrit", "train"): ("ner-id/nergrit/train_preprocess.txt", 0, 1, "\t", ""),
    ("nergrit", "dev"): ("ner-id/nergrit/valid_preprocess.txt", 0, 1, "\t", ""),
    ("nergrit", "test"): ("ner-id/nergrit/test_preprocess.txt", 0, 1, "\t", ""),
    ("nerp", "train"): ("ner-id/nerp/train_preprocess.txt", 0, 1, "\t", ""),
    ("nerp", "dev"): ("ner-id/nerp/valid_preprocess.txt", 0, 1, "\t", ""),
    ("nerp", "test"): ("ner-id/nerp/test_preprocess.txt", 0, 1, "\t", ""),
    ("idner", "train"): ("ner-id/idner-news-2k/train.txt", 0, 2, " ", ""),
    ("idner", "dev"): ("ner-id/idner-news-2k/dev.txt", 0, 2, " ", ""),
    ("idner", "test"): ("ner-id/idner-news-2k/test.txt", 0, 2, " ", ""),
    ("conll2003", "train"): ("ner-en/conll2003/train.txt", 0, 3, " ", ""),
    ("conll2003", "dev"): ("ner-en/conll2003/dev.txt", 0, 3, " ", ""),
    ("conll2003", "test"): ("ner-en/conll2003/test.txt", 0, 3, " ", ""),
    ("wikiann-id", "train"): ("ner-id/wikiann/train-id.tsv", 0, 1, "\t", ""),
    ("wikiann-id", "dev"): ("ner-id/wikiann/dev-id.tsv", 0, 1, "\t", ""),
    ("wikiann-en", "train"): ("ner-en/wikiann/train", 0, 1, "\t", "en:"),
    ("wikiann-en", "test"): ("ner-en/wikiann/test", 0, 1, "\t", "en:"),
}

# output folder -> list of (output file, source file, merge multiword tokens, keep XPOS as tag)
UD_FILES = {
    "ud-id/train": [("csui-train", "ud-id/id_csui-ud-train.conllu", True, True),
                    ("gsd-dev", "ud-id/id_gsd-ud-dev.conllu", True, False)],
    "ud-id/dev": [("pud", "ud-id/id_pud-ud-test.conllu", True, False)],
    "ud-id/test": [("gsd", "ud-id/id_gsd-ud-test.conllu", True, False),
                   ("csui", "ud-id/id_csui-ud-test.conllu", True, True)],
    "ud-en/train": [("ewt", "ud-en/en_ewt-ud-train.conllu", False, True)],
    "ud-en/dev": [("ewt", "ud-en/en_ewt-ud-dev.conllu", False, True)],
    "ud-en/test": [("ewt", "ud-en/en_ewt-ud-test.conllu", False, True)],
}


class DataError(Exception):
    """A data file does not look as SOURCES.md describes it."""


def read_label_map(path: Path = LABEL_MAP) -> dict[str, dict[str, str]]:
    """Return {dataset: {source label: target label}} from label_map.tsv (target "O" drops a span)."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    table: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        table.setdefault(row["dataset"], {})[row["source_label"]] = row["target"]
    return table


def read_token_tag_file(path: Path, token_col: int, tag_col: int, sep: str,
                        prefix: str = "") -> list[list[list[tuple[str, str]]]]:
    """Return the documents of a column file: each a list of sentences of (token, IOB tag).

    A blank line ends a sentence; a ``-DOCSTART-`` line starts a new document (files without
    such lines are one document). Carriage returns are stripped, and ``prefix`` is removed from
    every token that carries it (WikiANN English's ``en:``).
    """
    docs: list[list[list[tuple[str, str]]]] = [[]]
    sent: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\r\n").rstrip("\r")
            if not line.strip():
                if sent:
                    docs[-1].append(sent)
                    sent = []
                continue
            cols = line.split(sep)
            if cols[0] == "-DOCSTART-":
                if sent:
                    docs[-1].append(sent)
                    sent = []
                if docs[-1]:
                    docs.append([])
                continue
            if len(cols) <= max(token_col, tag_col):
                raise DataError(f"{path}:{lineno}: expected at least {max(token_col, tag_col) + 1} "
                                f"columns separated by {sep!r}, got {line!r}")
            token, tag = cols[token_col], cols[tag_col]
            if prefix:
                if not token.startswith(prefix):
                    raise DataError(f"{path}:{lineno}: token {token!r} lacks the prefix {prefix!r}")
                token = token[len(prefix):]
            if not token:
                raise DataError(f"{path}:{lineno}: empty token")
            sent.append((token, tag))
    if sent:
        docs[-1].append(sent)
    return [d for d in docs if d]


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Return (start, end, label) entity spans of IOB tags; an orphan ``I-X`` starts an entity.

    >>> iob_spans(["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG"])
    [(0, 2, 'PER'), (3, 5, 'LOC'), (5, 6, 'LOC'), (6, 7, 'ORG')]
    """
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and kind == label and start is not None
        if start is not None and not continues:
            spans.append((start, i, label))
            start, label = None, None
        if prefix in ("B", "I") and not continues:
            start, label = i, kind
        elif prefix not in ("B", "I", "O"):
            raise ValueError(f"not an IOB tag: {tag!r}")
    return spans


def ner_docs(nlp, documents, dataset: str, label_map: dict[str, str], n_sents: int,
             counts: Counter) -> list[Doc]:
    """Return spaCy Docs with mapped entities, ``n_sents`` sentences per Doc within each document."""
    out: list[Doc] = []
    for document in documents:
        for i in range(0, len(document), n_sents):
            words: list[str] = []
            ents: list[tuple[int, int, str]] = []
            sent_starts: list[bool] = []
            for sent in document[i:i + n_sents]:
                offset = len(words)
                for s, e, label in iob_spans([t for _, t in sent]):
                    if label not in label_map:
                        raise DataError(f"{dataset}: label {label!r} is not in {LABEL_MAP.name}")
                    target = label_map[label]
                    counts[f"{label}->{target}"] += 1
                    if target != "O":
                        ents.append((offset + s, offset + e, target))
                words.extend(w for w, _ in sent)
                sent_starts.extend([True] + [False] * (len(sent) - 1))
            doc = Doc(nlp.vocab, words=words, sent_starts=sent_starts)
            doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
            out.append(doc)
    return out


def ud_docs(path: Path, merge: bool, keep_tags: bool, n_sents: int) -> list[Doc]:
    """Return Docs of a CoNLL-U file, ``n_sents`` sentences each (tags unset unless ``keep_tags``)."""
    # the pattern that never matches keeps spaCy's reader from looking for NER tags in MISC
    sents = list(read_conllx(path.read_text(encoding="utf-8"), merge_subtokens=merge,
                             ner_tag_pattern="(?!)"))
    docs = []
    for i in range(0, len(sents), n_sents):
        doc = Doc.from_docs(sents[i:i + n_sents])
        if not keep_tags:
            for token in doc:
                token.tag_ = ""
        docs.append(doc)
    return docs


def write_raw_indosum(data: Path, path: Path) -> None:
    """Write IndoSum's paragraphs (dev folds, deduplicated on article id) as ``{"text": ...}`` lines.

    The articles come tokenised; tokens are joined with single spaces. Paragraphs, not whole
    articles, because ``spacy pretrain``'s reader skips texts of 500 tokens or more.
    """
    seen: set[str] = set()
    n_tok = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for src in sorted((data / "news-id" / "indosum").glob("*.jsonl")):
            with src.open(encoding="utf-8") as fh:
                for lineno, line in enumerate(fh, 1):
                    try:
                        article = json.loads(line)
                    except json.JSONDecodeError as err:
                        raise DataError(f"{src}:{lineno}: not JSON ({err})") from err
                    if article["id"] in seen:
                        continue
                    seen.add(article["id"])
                    for para in article["paragraphs"]:
                        tokens = [t for sent in para for t in sent]
                        n_tok += len(tokens)
                        out.write(json.dumps({"text": " ".join(tokens)}, ensure_ascii=False)
                                  + "\n")
    print(f"  {path}: {len(seen)} articles, {n_tok} tokens")


def write(docs: list[Doc], path: Path, attrs_note: str = "") -> None:
    """Write Docs to a DocBin file, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    n_tok = sum(len(d) for d in docs)
    print(f"  {path}: {len(docs)} docs, {n_tok} tokens {attrs_note}")


def convert(data: Path, out: Path, n_sents: int = 10, upsample: dict[str, int] | None = None) -> None:
    """Write every corpus listed in the module docstring from ``data`` into ``out``."""
    if not (data / "SOURCES.md").exists():
        raise DataError(f"{data} does not look like the shared data folder (no SOURCES.md)")
    upsample = upsample or {}
    label_map = read_label_map()
    nlp = {"id": spacy.blank("id"), "en": spacy.blank("en")}
    for (dataset, split), (rel, tok_col, tag_col, sep, prefix) in NER_FILES.items():
        lang = "en" if dataset in ("conll2003", "wikiann-en") else "id"
        counts: Counter = Counter()
        documents = read_token_tag_file(data / rel, tok_col, tag_col, sep, prefix)
        docs = ner_docs(nlp[lang], documents, dataset, label_map[dataset], n_sents, counts)
        if dataset.startswith("wikiann"):
            target = out / f"ner-{lang}" / "extra" / f"{dataset}-{split}.spacy"
        else:
            target = out / f"ner-{lang}" / split / f"{dataset}.spacy"
        write(docs, target, "(" + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + ")")
        if split == "train":
            for copy in range(2, upsample.get(dataset, 1) + 1):
                write(docs, target.with_name(f"{dataset}.copy{copy}.spacy"), "(upsampled copy)")
    for folder, files in UD_FILES.items():
        for name, rel, merge, keep_tags in files:
            write(ud_docs(data / rel, merge, keep_tags, n_sents), out / folder / f"{name}.spacy",
                  "(multiword tokens merged)" if merge else "")
    write_raw_indosum(data, out / "raw-id" / "indosum.jsonl")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=HERE / "build" / "corpus")
    parser.add_argument("--n-sents", type=int, default=10, help="sentences per Doc")
    parser.add_argument("--upsample", action="append", default=[], metavar="DATASET=N",
                        help="repeat a training set N times in the union (e.g. nergrit=2)")
    args = parser.parse_args(argv)
    upsample = {}
    for item in args.upsample:
        name, _, n = item.partition("=")
        upsample[name] = int(n)
    try:
        convert(args.data, args.out, args.n_sents, upsample)
    except (DataError, OSError) as err:
        print(f"convert.py: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
