"""Walking the inputs a user names: files and folders → Articles, or errors that name the input."""
from __future__ import annotations

import os
import stat
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
        try:
            kind = input_kind(path)
        except InputError as err:
            yield err
            continue
        if kind == "folder":
            files, unlisted = _folder_files(path)
            yield from unlisted
            if not files and not unlisted:
                yield InputError(str(given), "the folder holds no .txt, .html, .htm or .jsonl files")
            for file in files:
                yield from read_file(file, lang)
        else:
            if path.suffix.lower() not in SUFFIXES:
                yield InputError(str(given), f"unsupported input type {path.suffix or '(no suffix)'!r}: "
                                             "expected .txt, .html, .htm, .jsonl or a folder")
                continue
            yield from read_file(path, lang)


def input_kind(path: Path) -> str:
    """"folder" or "file" for an input path; raises InputError saying why it is neither (missing,
    not reachable, a named pipe or device).

    >>> input_kind(Path("no/such/file.txt"))
    Traceback (most recent call last):
    newskg.errors.InputError: no/such/file.txt: no such file or folder
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(str(path), "no such file or folder") from None
    except PermissionError:
        raise InputError(str(path), "cannot be reached: permission denied (a folder on its path "
                                    "cannot be entered)") from None
    except OSError as err:
        raise InputError(str(path), f"cannot be reached ({err.strerror or err})") from None
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    what = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device")
    raise InputError(str(path), f"not a regular file but {what}: give article files or folders")


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


def _folder_files(folder: Path) -> tuple[list[Path], list[InputError]]:
    """The readable files under a folder, sorted by their path inside it, hidden ones left out;
    and an InputError for each folder under it that cannot be listed (never skipped silently)."""
    found, unlisted = [], []

    def cannot_list(err: OSError) -> None:
        unlisted.append(InputError(str(err.filename or folder),
                                   f"cannot list the folder ({err.strerror or err})"))

    for top, dirs, files in os.walk(folder, onerror=cannot_list):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(top, name)
            if (not name.startswith(".") and path.suffix.lower() in SUFFIXES
                    and path.is_file()):
                found.append(path)
    unlisted.sort(key=lambda e: e.source)
    return sorted(found, key=lambda p: p.relative_to(folder).parts), unlisted


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
        try:
            kind = input_kind(path)
        except InputError:
            continue
        files = _folder_files(path)[0] if kind == "folder" else [path]
        for file in files:
            suffix = file.suffix.lower()
            if suffix == ".jsonl":
                total += count_records(file)
            elif suffix in SUFFIXES:
                total += 1
    return total
