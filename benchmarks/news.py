"""Real news for the benchmarks, read from the shared data folder (never copied into the repository).

    python benchmarks/news.py ../shared/data --articles 10000 -o /tmp/news-10k.jsonl

- Indonesian: IndoSum (`news-id/indosum/*.jsonl`, CC BY-SA 4.0): ~3.4k unique articles; the text is
  its tokenised paragraphs joined with spaces; the publication date comes from the Unix time that
  starts each IndoSum id.
- English: BBC News (`news-en/bbc/*/*.txt`, research use only): 2,225 articles; no dates.

`corpus(data, n)` interleaves the two languages (id, en, id, en, …) and, once an article runs out,
cycles: the k-th repeat of an article gets the id `<id>~k` and a last line "(k)", so that its text
differs (newskg skips an article whose exact text the graph already holds) while what it reports
stays the same — a corpus of any size whose articles are all real news.
"""
from __future__ import annotations

import argparse
import glob
import json
import sys
from datetime import datetime, timezone
from itertools import zip_longest
from pathlib import Path


def indonesian(data: Path, n: int | None = None) -> list[dict]:
    """Unique IndoSum articles as .jsonl records (id, text, lang, published)."""
    out: list[dict] = []
    seen: set[str] = set()
    for f in sorted((data / "news-id" / "indosum").glob("*.jsonl")):
        for line in f.open(encoding="utf-8"):
            rec = json.loads(line)
            if rec["id"] in seen:
                continue
            seen.add(rec["id"])
            text = "\n\n".join(" ".join(" ".join(s) for s in p) for p in rec["paragraphs"])
            item = {"id": f"indosum-{rec['id']}", "text": text, "lang": "id"}
            stamp = rec["id"].split("-", 1)[0]
            if stamp.isdigit() and len(stamp) == 10:
                item["published"] = datetime.fromtimestamp(int(stamp), timezone.utc).date().isoformat()
            out.append(item)
            if n is not None and len(out) >= n:
                return out
    return out


def english(data: Path, n: int | None = None) -> list[dict]:
    """BBC News articles as .jsonl records (id, text, lang)."""
    files = sorted(glob.glob(str(data / "news-en" / "bbc" / "*" / "*.txt")))[:n]
    return [{"id": "bbc-" + "-".join(Path(f).parts[-2:]).removesuffix(".txt"),
             "text": Path(f).read_text(encoding="utf-8", errors="replace"), "lang": "en"}
            for f in files]


def corpus(data: Path, n: int, langs: tuple[str, ...] = ("id", "en")) -> list[dict]:
    """n records: the languages interleaved, cycled with distinct ids and texts (module docstring)."""
    sources = {"id": indonesian, "en": english}
    lists = [sources[lang](data) for lang in langs]
    unique = [r for group in zip_longest(*lists) for r in group if r is not None]
    out = []
    for i in range(n):
        rec = dict(unique[i % len(unique)])
        k = i // len(unique)
        if k:
            rec["id"] = f"{rec['id']}~{k}"
            rec["text"] = rec["text"].rstrip() + f"\n\n({k})\n"
        out.append(rec)
    return out


def write_jsonl(records: list[dict], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="the shared data folder (holding news-id/, news-en/)")
    ap.add_argument("--articles", type=int, required=True)
    ap.add_argument("--lang", nargs="+", default=["id", "en"])
    ap.add_argument("-o", "--output", type=Path, required=True, help="the .jsonl corpus to write")
    a = ap.parse_args(argv)
    write_jsonl(corpus(a.data, a.articles, tuple(a.lang)), a.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
