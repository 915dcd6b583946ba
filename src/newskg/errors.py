"""Errors meant for users: each names the input (file, and line for .jsonl) and what went wrong."""
from __future__ import annotations


class NewskgError(Exception):
    """Base class of every error newskg raises on purpose."""


class InputError(NewskgError):
    """An input that cannot be read as an article.

    >>> str(InputError("corpus.jsonl", "not valid JSON", line=3))
    'corpus.jsonl:3: not valid JSON'
    """

    def __init__(self, source: str, message: str, line: int | None = None):
        self.source, self.message, self.line = str(source), message, line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{printable(where)}: {printable(self.message)}"


def printable(text: str) -> str:
    """`text` on one line: characters that are not printable (newlines, tabs, other controls, line
    separators) written as Python escapes, so a file name cannot break or forge a report line.

    >>> printable("a\\nerror: b.txt\\x1b[2K"), printable("étoile 習近平")
    ('a\\\\nerror: b.txt\\\\x1b[2K', 'étoile 習近平')
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


class GraphClosed(NewskgError, ValueError):
    """A KnowledgeGraph used after `close()` (a ValueError, like I/O on a closed file)."""


class UnsupportedLanguage(InputError):
    """The article's language has no pipeline (only Indonesian and English have one)."""


class StoreError(NewskgError):
    """The store cannot go on: its handle was lost or closed, it cannot be reopened, the disk is
    full, the endpoint is unreachable.  Not about one article: it ends a run (what was written
    before it stays), and the message names the store and what happened."""
