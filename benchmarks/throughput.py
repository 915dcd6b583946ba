"""End-to-end extraction speed against the bare spaCy pipeline of the same models, on real news.

usage: python benchmarks/throughput.py --data ../shared/data [--articles 200] [--lang id en] [--json]

For each language it reads the first N articles of the unlabelled news in DATA (IndoSum for
Indonesian, BBC for English; never copied anywhere), then times on the same texts:
- bare: the trained spaCy pipeline newskg uses for that language (`spacy.load` of the bundled
  model, or spaCy's blank language when none is bundled), `nlp.pipe` over the texts;
- newskg: ingest (metadata lines) + newskg's pipeline + extraction of Facts + Facts → quads in the
  default store (`KnowledgeGraph.add_article`), i.e. everything `newskg extract` does but writing.
Start-up (loading pipelines) is timed separately and left out of the rates. Prints words/s,
articles/s and the ratio newskg/bare time.
"""
from __future__ import annotations

import argparse
import glob
import json
import sys
import time
from pathlib import Path

import spacy


def indonesian(data: Path, n: int) -> list[str]:
    texts: list[str] = []
    seen: set[str] = set()
    for f in sorted((data / "news-id" / "indosum").glob("*.jsonl")):
        for line in f.open(encoding="utf-8"):
            rec = json.loads(line)
            if rec["id"] in seen:
                continue
            seen.add(rec["id"])
            texts.append("\n\n".join(" ".join(" ".join(s) for s in p) for p in rec["paragraphs"]))
            if len(texts) >= n:
                return texts
    return texts


def english(data: Path, n: int) -> list[str]:
    files = sorted(glob.glob(str(data / "news-en" / "bbc" / "*" / "*.txt")))
    return [Path(f).read_text(encoding="utf-8", errors="replace") for f in files[:n]]


def bare_pipeline(lang: str):
    from newskg.nlp.pipeline import model_for
    model = model_for(lang)
    return spacy.load(model) if model else spacy.blank(lang), model or f"blank:{lang}"


def measure(lang: str, texts: list[str]) -> dict:
    from newskg.api import KnowledgeGraph
    from newskg.nlp.pipeline import get_pipeline

    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    bare, model = bare_pipeline(lang)
    bare_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=32):
        pass
    bare_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    get_pipeline(lang)
    kg = KnowledgeGraph()
    newskg_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    for i, text in enumerate(texts):
        kg.add_article(text, lang=lang, id=f"{lang}-{i}")
    newskg_s = time.perf_counter() - t0
    return {"lang": lang, "model": model, "articles": len(texts), "words": words,
            "bare_load_s": round(bare_load, 2), "bare_s": round(bare_s, 2),
            "bare_words_per_s": round(words / bare_s), "newskg_load_s": round(newskg_load, 2),
            "newskg_s": round(newskg_s, 2), "newskg_words_per_s": round(words / newskg_s),
            "newskg_articles_per_s": round(len(texts) / newskg_s, 1),
            "ratio": round(newskg_s / bare_s, 2), "quads": len(kg)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the shared data folder (news-id, news-en)")
    ap.add_argument("--articles", type=int, default=200, help="articles per language")
    ap.add_argument("--lang", nargs="+", default=["id", "en"])
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    readers = {"id": indonesian, "en": english}
    rows = [measure(lang, readers[lang](a.data, a.articles)) for lang in a.lang]
    if a.json:
        print(json.dumps(rows, indent=1))
        return 0
    print("| lang | model | articles | words | bare words/s | newskg words/s | newskg articles/s | newskg/bare time |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['lang']} | {Path(r['model']).name} | {r['articles']} | {r['words']:,} | {r['bare_words_per_s']:,} "
              f"| {r['newskg_words_per_s']:,} | {r['newskg_articles_per_s']} | {r['ratio']}× |")
    print(f"(start-up: " + ", ".join(f"{r['lang']} bare {r['bare_load_s']} s, newskg {r['newskg_load_s']} s"
                                    for r in rows) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
