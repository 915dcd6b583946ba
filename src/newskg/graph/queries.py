"""Saved SPARQL queries (`queries/*.rq`): finding them by name and reading their parameters.

Each saved query starts with `#` comment lines: the first says what it answers; lines of the form
`# Parameter ?name (required): …` or `# Parameter ?name (optional): …` declare its parameters,
which arrive as bindings (never pasted into the text).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import NewskgError
from ..paths import QUERIES_DIR

_PARAM = re.compile(r"^#\s*Parameter\s+[?$](\w+)\s*\((required|optional)\)\s*:?\s*(.*)$",
                    re.IGNORECASE)
_NAME = re.compile(r"[A-Za-z][\w-]*")


class QueryError(NewskgError, ValueError):
    """A query that cannot be run as asked: unknown saved name, unknown or missing parameter."""


@dataclass(frozen=True)
class Parameter:
    """A declared parameter of a saved query."""
    name: str
    required: bool
    description: str = ""


def saved_queries() -> dict[str, Path]:
    """Saved query name → its file, in name order."""
    if not QUERIES_DIR.is_dir():
        return {}
    return {p.stem: p for p in sorted(QUERIES_DIR.glob("*.rq"))}


def resolve_query(query: str) -> tuple[str, str | None]:
    """The query text and, for a saved query, its name.

    `query` is a saved query name ("meetings"), the path of a `.rq` file, or SPARQL text.
    Raises QueryError for a name that is neither saved nor a file, listing the saved names.

    >>> text, name = resolve_query("meetings")
    >>> name, "SELECT" in text
    ('meetings', True)
    >>> resolve_query("SELECT * WHERE { ?s ?p ?o }")
    ('SELECT * WHERE { ?s ?p ?o }', None)
    """
    q = query.strip()
    if _NAME.fullmatch(q) or q.endswith(".rq"):
        path = Path(q)
        if path.suffix == ".rq" and path.is_file():
            return path.read_text(encoding="utf-8"), None
        saved = saved_queries()
        name = q.removesuffix(".rq")
        if name in saved:
            return saved[name].read_text(encoding="utf-8"), name
        raise QueryError(f"no saved query or .rq file named {q!r}; saved queries: "
                         f"{', '.join(saved) or '(none)'}")
    return query, None


def parameters(text: str) -> list[Parameter]:
    """The parameters a query declares in its leading comment lines.

    >>> parameters("# Events of one entity\\n# Parameter ?name (required): entity name\\nSELECT ...")
    [Parameter(name='name', required=True, description='entity name')]
    """
    out = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _PARAM.match(line.strip())
        if m:
            out.append(Parameter(m.group(1), m.group(2).lower() == "required", m.group(3).strip()))
    return out


def summary(text: str) -> str:
    """The first comment line of a query (what it answers), without the `#`."""
    for line in text.splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()
        if line.strip():
            break
    return ""


def mentions_variable(text: str, name: str) -> bool:
    """True when the query uses the variable `?name` or `$name` (outside comments)."""
    body = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("#"))
    return re.search(rf"[?$]{re.escape(name)}\b", body) is not None
