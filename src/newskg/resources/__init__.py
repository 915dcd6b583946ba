"""Access to the per-language data files in this folder (see README.md for their formats)."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).parent


def path(*parts: str) -> Path:
    """Path of a data file or folder, e.g. path("id", "triggers.tsv")."""
    return ROOT.joinpath(*parts)


@lru_cache(maxsize=None)
def read_tsv(*parts: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated data file with a header row, `#` comment lines skipped.

    Missing cells are empty strings; a missing file gives no rows (a language may lack a file).
    """
    p = path(*parts)
    if not p.exists():
        return ()
    with p.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader)


def read_tsv_dir(*parts: str) -> tuple[dict[str, str], ...]:
    """Rows of every `*.tsv` file in a folder, in file-name order (each row gets `_file`)."""
    folder = path(*parts)
    rows: list[dict[str, str]] = []
    if folder.is_dir():
        for f in sorted(folder.glob("*.tsv")):
            rows.extend(dict(r, _file=f.name) for r in read_tsv(*parts, f.name))
    return tuple(rows)


def split_multi(cell: str) -> list[str]:
    """The values of a `|`-separated cell.

    >>> split_multi("Rusia| Federasi Rusia |")
    ['Rusia', 'Federasi Rusia']
    """
    return [v.strip() for v in cell.split("|") if v.strip()]


def languages() -> list[str]:
    """Languages that have a data folder (every folder but `common`)."""
    return sorted(p.name for p in ROOT.iterdir() if p.is_dir() and p.name not in {"common", "__pycache__"})
