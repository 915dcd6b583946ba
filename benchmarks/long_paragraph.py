"""Peak memory of `newskg extract` on one article that is a single long paragraph, against ten
short articles (issue 11, finding 11: a long paragraph is cut at sentence ends, `newskg.nlp.pieces`).

    python benchmarks/long_paragraph.py --chars 1000000 [--model en=rules]

Writes, in a temporary folder, a `.txt` article of about `--chars` characters on one line (sentences
written for this benchmark, cycled with changing names, places and numbers), ten articles of the
same sentences and the same total size in paragraphs of four sentences, and ten short articles of
about 600 characters each; runs `newskg extract FILE(S) -o graph.trig -q` on each in a fresh
process and prints its peak resident memory (the kernel's high-water mark, from wait4), wall time
and exit status.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PEOPLE = ["Joko Widodo", "Anthony Albanese", "Xi Jinping", "Emmanuel Macron", "Fumio Kishida",
          "Anwar Ibrahim", "Narendra Modi", "Olaf Scholz"]
CITIES = ["Jakarta", "Canberra", "Beijing", "Paris", "Tokyo", "Kuala Lumpur", "New Delhi", "Berlin"]
SENTENCES = [
    "President {a} met Prime Minister {b} in {c} on Monday, officials said.",
    "The two leaders discussed trade, energy and security during talks number {n}.",
    "\"We agreed to work together on food security,\" {a} told reporters after the meeting.",
    "Ministers from both countries will meet again in {c} next month to sign {n} agreements.",
]


def sentence(i: int) -> str:
    a, b = PEOPLE[i % len(PEOPLE)], PEOPLE[(i * 3 + 1) % len(PEOPLE)]
    return SENTENCES[i % len(SENTENCES)].format(a=a, b=b, c=CITIES[(i * 5) % len(CITIES)], n=i)


def one_paragraph(chars: int) -> str:
    out, size, i = [], 0, 0
    while size < chars:
        s = sentence(i)
        out.append(s)
        size += len(s) + 1
        i += 1
    return "Leaders meet\n\n" + " ".join(out) + "\n"


def paragraphs(chars: int, k: int) -> str:
    """An article of about `chars` characters, its sentences (from the `k`-th on) in paragraphs
    of four."""
    out, size, i = [], 0, k * 100_000
    while size < chars:
        out.append(" ".join(sentence(i + j) for j in range(4)))
        size += len(out[-1]) + 2
        i += 4
    return "Leaders meet\n\n" + "\n\n".join(out) + "\n"


def short(k: int) -> str:
    return "Leaders meet\n\n" + " ".join(sentence(k * 8 + i) for i in range(8)) + "\n"


def run(inputs: list[Path], out: Path, models: list[str]) -> tuple[float, float, int, str]:
    cmd = [sys.executable, "-m", "newskg.cli", "extract", *map(str, inputs), "-o", str(out), "-q",
           *[x for m in models for x in ("--model", m)]]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read().decode()
    return usage.ru_maxrss / 1024, time.perf_counter() - start, os.waitstatus_to_exitcode(status), err


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--model", action="append", default=[])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="newskg-long-") as tmp:
        tmp = Path(tmp)
        long = tmp / "long.txt"
        long.write_text(one_paragraph(args.chars), encoding="utf-8")
        shorts, tenths = [], []
        for k in range(10):
            shorts.append(tmp / f"short{k}.txt")
            shorts[-1].write_text(short(k), encoding="utf-8")
            tenths.append(tmp / f"tenth{k}.txt")
            tenths[-1].write_text(paragraphs(args.chars // 10, k), encoding="utf-8")
        size = lambda paths: sum(p.stat().st_size for p in paths)
        for name, inputs in ((f"one paragraph, {long.stat().st_size:,} bytes", [long]),
                             (f"ten articles in paragraphs, {size(tenths):,} bytes", tenths),
                             (f"ten short articles, {size(shorts):,} bytes", shorts)):
            rss, wall, code, err = run(inputs, tmp / "graph.trig", args.model)
            print(f"{name}: peak RSS {rss:,.0f} MB, {wall:.1f} s, exit {code}"
                  + (f"\n  {err.strip()[-300:]}" if code else ""))


if __name__ == "__main__":
    main()
