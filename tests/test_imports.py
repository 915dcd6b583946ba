"""newskg's own imports: no circle between its modules or its packages, and no reach into another
module's or library's private attributes (issue 11: one package per stage, data flowing one way)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "newskg"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The newskg modules a file imports (at any depth, lazily too)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    modules = {module_name(p) for p in SRC.rglob("*.py")}
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("newskg")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.startswith("newskg"):
                target = node.module
            else:
                continue
            for alias in node.names:       # "from . import x" may name a module
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in modules else target)
    return {m for m in out if m != name and m in modules}


def graph(level) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        src = level(module_name(path))
        for target in imports_of(path):
            if level(target) != src:
                edges.setdefault(src, set()).add(level(target))
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One circle through each strongly connected group of more than one node (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in list(edges):
        if v not in index:
            visit(v)
    return found


def package_of(module: str) -> str:
    """newskg.graph.store → newskg.graph; a top-level module (newskg.api) is its own unit."""
    parts = module.split(".")
    return ".".join(parts[:2])


def test_no_import_circle_between_modules():
    assert cycles(graph(lambda m: m)) == []


def test_no_import_circle_between_packages():
    assert cycles(graph(package_of)) == []


#: namedtuple's public methods, underscored only to keep clear of field names
NAMEDTUPLE_API = {"_replace", "_asdict", "_fields", "_make", "_field_defaults"}
#: underscored names a library documents as public
DOCUMENTED = {("os", "_exit")}


def private_reaches(path: Path) -> list[str]:
    """`x._name` (not a dunder, not namedtuple's API) where x is not `self` / `cls`, nor an object
    a class's method made of its own class (`kg = cls(...)`), nor a name the module itself defines
    at top level (its own private helpers)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))}
    own |= {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
            if isinstance(t, ast.Name)}
    found = []

    def visit(node, cls_name, mine):
        if isinstance(node, ast.ClassDef):
            cls_name = node.name
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and cls_name:
            mine = {"self", "cls"} | {
                t.id for n in ast.walk(node) if isinstance(n, ast.Assign)
                and isinstance(n.value, ast.Call) and isinstance(n.value.func, ast.Name)
                and n.value.func.id in ("cls", cls_name) for t in n.targets if isinstance(t, ast.Name)}
        if isinstance(node, ast.Attribute):
            attr = node.attr
            if (attr.startswith("_") and not (attr.startswith("__") and attr.endswith("__"))
                    and attr not in NAMEDTUPLE_API
                    and not (isinstance(node.value, ast.Name) and (node.value.id, attr) in DOCUMENTED)
                    and not (isinstance(node.value, ast.Name) and node.value.id in (mine | own))):
                found.append(f"{path.relative_to(SRC.parent)}:{node.lineno}: .{attr}")
        for child in ast.iter_child_nodes(node):
            visit(child, cls_name, mine)

    visit(tree, None, {"self", "cls"})
    return found


def test_no_reach_into_private_attributes_of_other_modules_or_libraries():
    assert [hit for p in sorted(SRC.rglob("*.py")) for hit in private_reaches(p)] == []


@pytest.mark.parametrize("source, expected", [
    ("import oxrdflib\nx = store._inner\n", [".\x5finner"]),
    ("def f(ds):\n    return ds.store._store\n", ["._store"]),
    ("class A:\n    def f(self):\n        return self._x\n", []),
    ("class A:\n    @classmethod\n    def f(cls):\n        a = cls()\n        return a._x\n", []),
])
def test_the_private_attribute_check_sees_a_reach(tmp_path, source, expected, monkeypatch):
    path = SRC / "_probe.py"
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source)
    assert [h.split(": ", 1)[1] for h in private_reaches(path)] == expected
