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


def param_value(value: str):
    """The value a `--param NAME=VALUE` (or `newskg serve`'s `?NAME=VALUE`) binds: an IRI when
    written `<…>`, else the string itself (bound as a plain literal).

    >>> param_value("<https://w3id.org/x>"), param_value("Xi Jinping")
    (rdflib.term.URIRef('https://w3id.org/x'), 'Xi Jinping')
    """
    from rdflib import URIRef
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    return value


def check_bindings(text: str, name: str | None, variables) -> None:
    """Raise QueryError when a query cannot take these bindings: a variable it does not use, or
    a required parameter (see `parameters`) left out.  `name` is the saved query's, for messages.

    >>> check_bindings("# Parameter ?name (required): who\\nSELECT ?name {}", "t", ["who"])
    Traceback (most recent call last):
    ...
    newskg.graph.queries.QueryError: saved query 't' has no variable ?who to bind
    """
    what = f"saved query {name!r}" if name else "the query"
    for var in variables:
        if not mentions_variable(text, var):
            raise QueryError(f"{what} has no variable ?{var} to bind")
    for p in parameters(text):
        if p.required and p.name not in variables:
            raise QueryError(f"{what} needs the parameter ?{p.name} ({p.description})")

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


# -- parameters written into the query text (for remote endpoints) ------------------------------
# The SPARQL protocol carries no parameters, so for a remote endpoint a bound value is written into
# the query as an RDF term, the way SEP-0007 substitution replaces a variable by a value: a term in
# N-Triples syntax (quotes, backslashes and line breaks escaped; IRIs checked), so a value can only
# ever be one term — never SPARQL.  A variable listed in a SELECT clause becomes `(term AS ?var)`,
# so the column is still there; in ORDER BY / GROUP BY it becomes `(term)`.

_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7-\uffff]+)
  | (?P<word>[A-Za-z_][\w-]*(?::[\w.-]*)?|:[\w.-]*)
  | (?P<space>\s+)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def term_text(term) -> str:
    """An rdflib IRI or literal in N-Triples syntax, safe to stand for a variable in a query.

    >>> from rdflib import Literal, URIRef
    >>> term_text(Literal('Xi "} DROP ALL')), term_text(URIRef("https://w3id.org/x"))
    ('"Xi \\\\"} DROP ALL"', '<https://w3id.org/x>')
    >>> term_text(URIRef("http://x/> } DROP ALL #"))
    Traceback (most recent call last):
    ...
    newskg.graph.queries.QueryError: cannot bind 'http://x/> } DROP ALL #': not a valid IRI
    """
    from rdflib import BNode, Literal, URIRef

    from .results import ntriples
    if isinstance(term, URIRef):
        if _IRI_FORBIDDEN.search(str(term)):
            raise QueryError(f"cannot bind {str(term)!r}: not a valid IRI")
        return f"<{term}>"
    if isinstance(term, Literal):
        if term.datatype is not None and _IRI_FORBIDDEN.search(str(term.datatype)):
            raise QueryError(f"cannot bind a literal of datatype {str(term.datatype)!r}")
        return ntriples(term)
    if isinstance(term, BNode):
        raise QueryError("a blank node cannot be bound in a query sent to an endpoint")
    raise QueryError(f"cannot bind {term!r}")


def bind_in_text(text: str, bindings: dict) -> str:
    """The query with each bound variable replaced by its value (see the note above).

    A SELECT whose own pattern holds a sub-select projecting the variable keeps `?var` in its
    projection (it is bound there already); the innermost one gets `(term AS ?var)`.

    >>> from rdflib import Literal
    >>> q = 'SELECT ?name ?x WHERE { { SELECT ?name ?x WHERE { ?x <p> ?a FILTER(?a = ?name) } } } ORDER BY ?name'
    >>> print(bind_in_text(q, {"name": Literal("Xi")}))
    SELECT ?name ?x WHERE { { SELECT ("Xi" AS ?name) ?x WHERE { ?x <p> ?a FILTER(?a = "Xi") } } } ORDER BY ("Xi")
    >>> bind_in_text('SELECT ?a WHERE { BIND(1 AS ?name) }', {"name": Literal("Xi")})
    Traceback (most recent call last):
    ...
    newskg.graph.queries.QueryError: cannot bind ?name: the query assigns it (AS ?name)
    """
    if not bindings:
        return text
    terms = {name: term_text(term) for name, term in bindings.items()}
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text)]
    sig = [i for i, (kind, _) in enumerate(tokens) if kind not in ("space", "comment")]
    up = lambda i: tokens[i][1].upper()
    # each SELECT: its projection's variables (at parenthesis depth 0) and its pattern's extent
    selects = []          # (start, projection indices, body start, body end)
    for n, i in enumerate(sig):
        if tokens[i][0] != "word" or up(i) != "SELECT":
            continue
        depth, proj, body = 0, [], None
        for j in sig[n + 1:]:
            tok = tokens[j][1]
            if depth == 0 and (tok == "{" or up(j) in ("WHERE", "FROM")):
                body = j
                break
            depth += tok == "("
            depth -= tok == ")"
            if depth == 0 and tokens[j][0] == "var":
                proj.append(j)
        if body is None:
            continue
        start = next((j for j in sig if j >= body and tokens[j][1] == "{"), None)
        if start is None:
            continue
        level, end = 0, len(tokens)
        for j in sig:
            if j < start:
                continue
            level += tokens[j][1] == "{"
            level -= tokens[j][1] == "}"
            if level == 0:
                end = j
                break
        selects.append((i, set(proj), start, end))
    projected = {j for _, proj, _, _ in selects for j in proj}

    def bound_inside(k: int, name: str) -> bool:
        """True when the SELECT projecting token k holds a sub-select that projects `name`."""
        outer = next(s for s in selects if k in s[1])
        return any(outer[2] < s[0] < outer[3] and any(tokens[j][1][1:] == name for j in s[1])
                   for s in selects)

    out, previous, order_by, depth = [], "", False, 0
    for k, (kind, tok) in enumerate(tokens):
        if kind in ("space", "comment"):
            out.append(tok)
            continue
        upper = tok.upper()
        if kind == "word" and upper == "BY" and previous in ("ORDER", "GROUP"):
            order_by, depth = True, 0
        elif order_by and (tok in ("{", "}") or upper in ("LIMIT", "OFFSET", "HAVING", "VALUES")):
            order_by = False
        elif order_by and tok in "()":
            depth += 1 if tok == "(" else -1
        if kind == "var" and tok[1:] in terms:
            name = tok[1:]
            if previous == "AS":
                raise QueryError(f"cannot bind ?{name}: the query assigns it (AS ?{name})")
            if k in projected:
                tok = tok if bound_inside(k, name) else f"({terms[name]} AS ?{name})"
            elif order_by and depth == 0:
                tok = f"({terms[name]})"
            else:
                tok = terms[name]
        out.append(tok)
        previous = upper
    return "".join(out)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the form of a query (its first such keyword).

    >>> query_form("PREFIX ex: <http://ex.org/select#> # SELECT in a comment\\nASK { ?s ?p ?o }")
    'ASK'
    """
    for m in _TOKEN.finditer(text):
        if m.lastgroup == "word" and m.group().upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return m.group().upper()
    raise QueryError("not a SPARQL query (no SELECT, ASK, CONSTRUCT or DESCRIBE)")
