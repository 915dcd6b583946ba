"""Walking the inputs a user names: files and folders → Articles, or errors that name the input."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..article import Article
from ..errors import InputError
from .html import read_html
from .jsonl import count_records, read_jsonl
from .lang import normalise_language
from .text import read_txt

#: file suffixes read inside folders (anything else in a folder is skipped)
SUFFIXES = (".txt", ".html", ".htm", ".jsonl")


def read_inputs(paths: Iterable[str | Path] | str | Path,
                lang: str | None = None) -> Iterator[Article | InputError]:
    """Every article of the given files and folders, in a deterministic order.

    Each path is a `.txt` article, an `.html`/`.htm` page, a `.jsonl` corpus or a folder of these
    (read recursively in sorted order; other files and hidden ones inside it are skipped).
    A problem is yielded as an InputError naming the file (and line), and reading goes on.
    `lang` ("id", "en") overrides detection; None or "auto" detects each article's language.

    >>> [type(x).__name__ for x in read_inputs(["no/such/file.txt"])]
    ['InputError']
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    try:
        lang = normalise_language(lang, "--lang")
    except InputError as err:
        yield err
        return
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = _folder_files(path)
            if not files:
                yield InputError(str(given), "the folder holds no .txt, .html, .htm or .jsonl files")
            for file in files:
                yield from read_file(file, lang)
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                yield InputError(str(given), f"unsupported input type {path.suffix or '(no suffix)'!r}: "
                                             "expected .txt, .html, .htm, .jsonl or a folder")
                continue
            yield from read_file(path, lang)
        else:
            yield InputError(str(given), "no such file or folder")


def read_file(path: Path, lang: str | None = None) -> Iterator[Article | InputError]:
    """The article(s) of one input file, chosen by its suffix; errors are yielded (whatever goes
    wrong reading one file is that file's error: the inputs after it are still read)."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(path, lang)
        return
    try:
        yield read_html(path, lang) if suffix in (".html", ".htm") else read_txt(path, lang)
    except InputError as err:
        yield err
    except Exception as exc:
        yield InputError(str(path), f"cannot read it ({type(exc).__name__}: "
                                    f"{' '.join(str(exc).split())})")


def _folder_files(folder: Path) -> list[Path]:
    """The readable files under a folder, sorted by their path inside it, hidden ones left out."""
    found = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.suffix.lower() in SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def count_inputs(paths: Iterable[str | Path] | str | Path) -> int:
    """How many articles `read_inputs` will yield at most (records of .jsonl files, one per other
    file), counted fast and without reading articles — the total of a progress bar.

    >>> count_inputs(["no/such/file.txt"])
    0
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    total = 0
    for given in paths:
        path = Path(given)
        files = _folder_files(path) if path.is_dir() else [path] if path.is_file() else []
        for file in files:
            suffix = file.suffix.lower()
            if suffix == ".jsonl":
                total += count_records(file)
            elif suffix in SUFFIXES:
                total += 1
    return total
