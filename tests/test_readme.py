"""The README cannot drift: its code blocks run, and the figures it quotes are checked.

How the README marks what this file checks ("Keeping this README true" in the README says it too):
- a block of `$ newskg …` lines is a transcript: each command runs (in a scratch folder laid out
  like the repository, `../shared` beside it) and prints what the README shows, timings aside;
- a ```sh block after `<!-- synopsis -->` lists usages: each command and option exists (`--help`);
- a block after `<!-- output-of: make demo -->` is what the Makefile's `demo` recipe prints;
- ```python blocks are doctest sessions, run in order in one namespace in the scratch folder;
- `<!-- no-test: reason -->` before a block skips it (a short list, each with its reason);
- a figure in the prose is written `<!--fig:KEY-->VALUE`; the table "Figures quoted in the README" of
  `benchmarks/RESULTS.md` gives every KEY its value and where it was measured (a section of
  RESULTS.md, whose text must hold its numbers) or counted (a data file, counted here);
- a table after `<!-- table: SECTION -->` equals the first table under that heading of RESULTS.md.
"""
from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import newskg

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
SHARED = ROOT.parent / "shared"
SRC = Path(newskg.__file__).resolve().parents[1]          # the copy under test
MARK = re.compile(r"<!--\s*([\w-]+)\s*(?::\s*(.*?))?\s*-->", re.S)
TIMING = re.compile(r"\d+(?:\.\d+)? (?:s\b|articles/s)")
MAX_NO_TEST = 4


@dataclass
class Block:
    info: str                     # the fence's language
    text: str
    line: int                     # README line of the opening fence (1-based)
    marks: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"README.md:{self.line}"


def _md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def readme_blocks(text: str | None = None) -> list[Block]:
    """Every fenced block of the README, with the `<!-- name: value -->` marks right before it."""
    tokens = _md().parse(README.read_text(encoding="utf-8") if text is None else text)
    blocks = []
    for i, tok in enumerate(tokens):
        if tok.type != "fence":
            continue
        marks = {}
        if i and tokens[i - 1].type == "html_block":
            marks = {m[1]: (m[2] or "") for m in MARK.finditer(tokens[i - 1].content)}
        blocks.append(Block(tok.info.strip(), tok.content, tok.map[0] + 1, marks))
    return blocks


def sections(text: str) -> dict[str, str]:
    """Heading text → the Markdown under it, up to the next heading of the same or a higher level."""
    lines = text.splitlines()
    heads = [(n, len(m[1]), m[2].strip()) for n, ln in enumerate(lines)
             if (m := re.match(r"(#+)\s+(.*)", ln))]
    out = {}
    for k, (n, level, title) in enumerate(heads):
        end = next((m for m, lv, _ in heads[k + 1:] if lv <= level), len(lines))
        out[title] = "\n".join(lines[n + 1:end])
    return out


def first_table(markdown: str) -> list[list[str]]:
    """The rows (header first, the --- row left out) of the first table in `markdown`."""
    rows = []
    for ln in markdown.splitlines():
        if ln.startswith("|"):
            cells = [c.strip() for c in ln.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                rows.append(cells)
        elif rows:
            break
    return rows


def normalise(output: str) -> str:
    """What a terminal shows, timings replaced: the text after a line's last carriage return wins
    (a progress bar is overwritten), trailing space goes."""
    lines = [ln.rsplit("\r", 1)[-1].rstrip() for ln in output.split("\n")]
    return TIMING.sub(lambda m: "N" + m[0].split()[-1], "\n".join(lines).strip("\n"))


# -- the scratch folder every command runs in ---------------------------------------------------

@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A folder laid out like the repository (src, queries, ontology, Makefile; `../shared` beside it
    when there is one), a `newskg` command on PATH that runs the copy under test, a short `article.txt`
    and `corpus.jsonl`, and `make demo` already run (its output kept for the test of that block)."""
    top = tmp_path_factory.mktemp("readme")
    work = top / "newskg"
    work.mkdir()
    for name in ("src", "queries", "ontology", "Makefile"):
        (work / name).symlink_to(ROOT / name)
    if SHARED.is_dir():
        (top / "shared").symlink_to(SHARED)
    bin_dir = top / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "newskg"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m newskg.cli "$@"\n')
    shim.chmod(0o755)
    shutil.copy(ROOT / "src/newskg/examples/nextren-2022-09-12-putin-xi.txt", work / "article.txt")
    (work / "corpus.jsonl").write_text(
        '{"id": "r1", "text": "Foreign Minister Retno Marsudi met Penny Wong in Jakarta on Monday.", '
        '"published": "2023-02-06"}\n'
        '{"id": "r2", "text": "Presiden Joko Widodo bertemu Perdana Menteri Anthony Albanese di Bogor.", '
        '"published": "2022-06-06"}\n', encoding="utf-8")
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
               PYTHONPATH=os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
               PYTHONUNBUFFERED="1", COLUMNS="200")
    ws = {"dir": work, "env": env}
    ws["demo"] = run_lines(ws, demo_recipe())
    return ws


def run(ws, command: str) -> subprocess.CompletedProcess:
    """`command` in bash in the scratch folder; stdout and stderr together, in the order written,
    carriage returns kept (text mode would turn them into line breaks)."""
    done = subprocess.run(["bash", "-c", command], cwd=ws["dir"], env=ws["env"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    done.stdout = done.stdout.decode("utf-8")
    return done


def run_lines(ws, commands: list[str]) -> str:
    out = []
    for command in commands:
        done = run(ws, command)
        assert done.returncode == 0, f"{command}\n{done.stdout}"
        out.append(done.stdout)
    return "".join(out)


def demo_recipe() -> list[str]:
    """The commands of the Makefile's `demo` target, `$(NEWSKG)` being the `newskg` command."""
    lines = (ROOT / "Makefile").read_text().splitlines()
    start = next(n for n, ln in enumerate(lines) if re.match(r"demo\s*:", ln))
    recipe = []
    for ln in lines[start + 1:]:
        if not ln.startswith("\t"):
            break
        recipe.append(ln.strip().replace("$(NEWSKG)", "newskg"))
    return recipe


def needs(block: Block) -> str | None:
    """Why a block cannot run here, or None."""
    if "../shared" in block.text and not SHARED.is_dir():
        return f"{block.id} reads ../shared, which is not beside this checkout"
    if "validate" in block.text and "--no-reasoner" not in block.text and not shutil.which("java"):
        return f"{block.id} runs the OWL reasoner, which needs Java"
    return None


def transcript(block: Block) -> list[tuple[str, str]]:
    """(command, output shown) pairs of a `$ ` block."""
    pairs = []
    for ln in block.text.splitlines():
        if ln.startswith("$ "):
            pairs.append((ln[2:], []))
        else:
            assert pairs, f"{block.id}: a transcript starts with a `$ ` line"
            pairs[-1][1].append(ln)
    return [(cmd, "\n".join(out).strip("\n")) for cmd, out in pairs]


BLOCKS = readme_blocks()


# -- every block is run, checked or explicitly left out ---------------------------------------------

def kind(block: Block) -> str:
    if "no-test" in block.marks:
        return "no-test"
    if "synopsis" in block.marks:
        return "synopsis"
    if "output-of" in block.marks:
        return "output"
    if "layout" in block.marks:
        return "layout"
    if "serve-example" in block.marks or "serve-output" in block.marks:
        return "serve"                      # run against a real server: tests/serve/test_readme_serve.py
    if any(ln.startswith("$ ") for ln in block.text.splitlines()):
        return "transcript"
    if block.info in ("python", "pycon"):
        return "python"
    if block.info == "":
        return "text"                       # diagrams and listings, not code
    return "unknown"


def test_every_code_block_is_run_or_marked():
    unknown = [f"{b.id} ({b.info})" for b in BLOCKS if kind(b) == "unknown"]
    assert not unknown, ("code blocks the README test does not know what to do with; make them a "
                         f"`$ ` transcript, or mark them (see tests/test_readme.py): {unknown}")
    skipped = [b for b in BLOCKS if kind(b) == "no-test"]
    assert all(b.marks["no-test"].strip() for b in skipped), "each no-test mark says why"
    assert len(skipped) <= MAX_NO_TEST, f"keep the blocks that do not run few: {[b.id for b in skipped]}"
    assert sum(kind(b) == "transcript" for b in BLOCKS) and sum(kind(b) == "python" for b in BLOCKS)


@pytest.mark.parametrize("block", [b for b in BLOCKS if kind(b) == "output"], ids=lambda b: b.id)
def test_make_demo_prints_what_the_readme_shows(block, workspace):
    assert block.marks["output-of"].strip() == "make demo"
    assert normalise(workspace["demo"]) == normalise(block.text)


@pytest.mark.parametrize("block", [b for b in BLOCKS if kind(b) == "transcript"], ids=lambda b: b.id)
def test_transcript(block, workspace):
    if why := needs(block):
        pytest.skip(why)
    for command, shown in transcript(block):
        assert command.startswith("newskg "), f"{block.id}: only newskg commands are run: {command}"
        done = run(workspace, command)
        assert normalise(done.stdout) == normalise(shown), f"$ {command}\n(exit {done.returncode})"


@pytest.mark.parametrize("block", [b for b in BLOCKS if kind(b) == "synopsis"], ids=lambda b: b.id)
def test_synopsis_names_real_commands_and_options(block):
    from click.testing import CliRunner

    from newskg.cli import main
    for ln in block.text.splitlines():
        if not ln.strip():
            continue
        words = ln.split()
        assert words[0] == "newskg", ln
        res = CliRunner().invoke(main, [words[1], "--help"])
        assert res.exit_code == 0, f"{ln}: no command {words[1]!r}"
        for opt in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", ln):
            assert re.search(rf"(?<![\w-]){re.escape(opt)}\b", res.output), f"{ln}: {opt} is not an option"


def test_python_blocks_run_as_shown(workspace, monkeypatch):
    python = [b for b in BLOCKS if kind(b) == "python"]
    monkeypatch.chdir(workspace["dir"])
    globs = {"__name__": "__main__"}
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report = []
    for b in python:
        assert ">>> " in b.text, f"{b.id}: write a Python example as a doctest session (>>> lines)"
        test = parser.get_doctest(b.text, globs, b.id, str(README), b.line)
        runner.run(test, out=report.append, clear_globs=False)
    assert runner.failures == 0, "".join(report)


def layout(block: Block) -> dict[str, list[str]]:
    """Folder → the files and folders its lines name (`name.ext` or `name/`, `<lang>/` as a pattern)."""
    out, folder = {}, None
    for ln in block.text.splitlines():
        if m := re.match(r"(\S+/)\s+(.*)", ln):
            folder, rest = m[1], m[2]
        else:
            rest = ln
        rest = re.sub(r"\([^)]*\)", "", rest)              # remarks in brackets name no entries
        out.setdefault(folder, []).extend(re.findall(r"(?<![\w/.<>])((?:[\w.-]|<\w+>)+(?:\.\w+|/))(?=[,\s]|$)", rest))
    return out


@pytest.mark.parametrize("block", [b for b in BLOCKS if kind(b) == "layout"], ids=lambda b: b.id)
def test_layout_names_what_is_there(block):
    """Every entry the layout names exists (in its folder, or at the top: "mirrors src/"); where it
    lists a folder's modules, it lists them all."""
    for folder, names in layout(block).items():
        for name in names:
            pattern = re.sub(r"<\w+>", "*", name.rstrip("/"))
            assert list((ROOT / folder).glob(pattern)) or list(ROOT.glob(pattern)), (
                f"{block.id}: {folder}{name} does not exist (nor {name} at the top)")
        if any(n.endswith(".py") for n in names):
            present = {f.name for f in (ROOT / folder).glob("*.py") if f.name != "__init__.py"}
            assert present <= set(names), f"{block.id}: {folder} also has {sorted(present - set(names))}"


# -- figures -----------------------------------------------------------------------------------------

def readme_figures(text: str | None = None) -> list[tuple[str, str, int]]:
    """(key, value, line) of every `<!--fig:KEY-->VALUE` in the README's prose and tables."""
    found = []
    for tok in _md().parse(README.read_text(encoding="utf-8") if text is None else text):
        assert not (tok.type == "html_block" and "fig:" in tok.content), (
            f"README.md:{tok.map[0] + 1}: a figure tag that begins a line starts an HTML block and "
            "hides its line; move it off the start of the line")
        kids = tok.children or []
        for i, kid in enumerate(kids):
            m = kid.type == "html_inline" and re.fullmatch(r"<!--\s*fig:\s*([\w.-]+)\s*-->", kid.content)
            if not m:
                continue
            after = kids[i + 1].content if i + 1 < len(kids) and kids[i + 1].type == "text" else ""
            value = after.split()[0].rstrip(",.;:)") if after.split() else ""
            found.append((m[1], value, tok.map[0] + 1))
    return found


def figure_table() -> dict[str, tuple[str, str]]:
    rows = first_table(sections(RESULTS.read_text(encoding="utf-8"))["Figures quoted in the README"])
    assert rows[0][:3] == ["figure", "value", "source"], rows[0]
    return {r[0].strip("`"): (r[1], r[2]) for r in rows[1:]}


def _links(type_: str | None = None) -> int:
    path = SRC / "newskg/resources/common/wikidata/links.tsv"
    rows = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")][1:]
    return len({r[0] for r in rows if type_ is None or r[1] == type_})


def _rows(path: str) -> int:
    lines = (SRC / path).read_text(encoding="utf-8").splitlines()
    return len([ln for ln in lines if ln and not ln.startswith("#")]) - 1     # the header row


def _models_mb() -> int:
    size = sum(p.stat().st_size for p in (SRC / "newskg/models").rglob("*") if p.is_file())
    return round(size / 1e6)


COUNTED = {                                  # figures counted from the files they describe
    "links-qids": lambda: _links(),
    "links-countries": lambda: _links("Country"),
    "links-places": lambda: _links("Place"),
    "links-organizations": lambda: _links("Organization"),
    "links-people": lambda: _links("Person"),
    "models-mb": _models_mb,
    "gazetteer-places": lambda: _rows("newskg/resources/common/gazetteer/places.tsv"),
}


def numbers(value: str) -> list[str]:
    return re.findall(r"\d[\d,]*(?:\.\d+)?", value)


def test_readme_figures_equal_the_results_table():
    table = figure_table()
    quoted = readme_figures()
    assert quoted, "the README tags its figures"
    for key, value, line in quoted:
        assert key in table, f"README.md:{line}: figure {key!r} is not in RESULTS.md's figures table"
        assert value == table[key][0], f"README.md:{line}: {key} is {value!r}, RESULTS.md says {table[key][0]!r}"
    unused = set(table) - {k for k, _, _ in quoted}
    assert not unused, f"figures in RESULTS.md's table that the README does not quote: {sorted(unused)}"


def test_results_figures_come_from_their_source():
    results = sections(RESULTS.read_text(encoding="utf-8"))
    for key, (value, source) in figure_table().items():
        if source == "counted":
            assert key in COUNTED, f"{key}: no counter for it in tests/test_readme.py"
            assert numbers(value) == [f"{COUNTED[key]():,}"], f"{key}: {value} but counted {COUNTED[key]():,}"
            continue
        m = re.fullmatch(r"(?:(\S+\.md)\s+)?§\s*(.+)", source)
        assert m, f"{key}: source {source!r} is neither 'counted' nor '[FILE.md] § a section heading'"
        where = results if m[1] is None else sections((ROOT / m[1]).read_text(encoding="utf-8"))
        assert m[2] in where, f"{key}: no section {m[2]!r} in {m[1] or 'RESULTS.md'}"
        for n in numbers(value):
            assert re.search(rf"(?<![\d.,]){re.escape(n)}(?![\d]|[.,]\d)", where[m[2]]), (
                f"{key}: {n} is not in {m[1] or 'RESULTS.md'} section {m[2]!r}")


UNIT = re.compile(r"(?<![\w.,–-])\d[\d,]*(?:\.\d+)?(?:–\d[\d,]*(?:\.\d+)?)?"
                  r"(?:\s?(?:s|ms|MB|GB|KB|articles/s|words/s|quads/s|QIDs)\b|×|%)")
SCORE = re.compile(r"(?<![\w.])0\.\d{2,3}\b")


def untagged_figures(text: str) -> list[tuple[int, str]]:
    """(line, figure) of measurements in the prose that carry no fig tag: a number with a unit of
    time, size, speed or ratio, or a score such as 0.95. Tables after `<!-- table: … -->` are
    compared whole and left out; code is not prose."""
    tokens = _md().parse(text)
    compared = [tok.map for i, tok in enumerate(tokens) if tok.type == "table_open" and i
                and tokens[i - 1].type == "html_block" and "table:" in tokens[i - 1].content]
    found = []
    for tok in tokens:
        if tok.type != "inline" or any(a <= tok.map[0] < b for a, b in compared):
            continue
        kids = tok.children or []
        for i, kid in enumerate(kids):
            if kid.type != "text":
                continue
            tagged = i and kids[i - 1].type == "html_inline" and "fig:" in kids[i - 1].content
            for m in [*UNIT.finditer(kid.content), *SCORE.finditer(kid.content)]:
                if not (tagged and m.start() == 0):
                    found.append((tok.map[0] + 1, m[0]))
    return found


def test_measured_figures_are_tagged():
    missing = untagged_figures(README.read_text(encoding="utf-8"))
    assert not missing, ("figures without a <!--fig:KEY--> tag (add them to RESULTS.md's table "
                         f"'Figures quoted in the README'): {missing}")


def test_untagged_figures_are_found():
    text = ("Speed: 4,700 words/s, <!--fig:x-->1.65× faster, F1 0.95; Python ≥ 3.11, 2022-09-14, "
            "`0.99 s`.\n\n<!-- table: T -->\n| a | b |\n|---|---|\n| 0.963 | 1 |\n\n| c |\n|---|\n| 2 s |\n")
    assert [f for _, f in untagged_figures(text)] == ["4,700 words/s", "0.95", "2 s"]


@pytest.mark.parametrize("name", sorted({b for b in re.findall(r"<!--\s*table:\s*(.*?)\s*-->",
                                                                 README.read_text(encoding="utf-8"))}))
def test_readme_table_equals_results(name):
    readme = README.read_text(encoding="utf-8")
    mine = first_table(readme.split(f"<!-- table: {name} -->", 1)[1])
    theirs = first_table(sections(RESULTS.read_text(encoding="utf-8"))[name])
    assert mine == theirs


def test_figure_tags_are_read():
    """The parser itself: a tag in prose and in a table cell, trailing punctuation left off; none in code."""
    text = ("It holds <!--fig:a-->1,686 QIDs, and <!--fig:b-->0.95.\n\n| x | (<!--fig:c-->0.944) |\n"
            "|---|---|\n| y | z |\n\n`<!--fig:d-->9`\n")
    assert [(k, v) for k, v, _ in readme_figures(text)] == [("a", "1,686"), ("b", "0.95"), ("c", "0.944")]
    with pytest.raises(AssertionError, match="begins a line"):
        readme_figures("Some text\n<!--fig:a-->1,686 QIDs\n")


# -- names of files and modules ------------------------------------------------------------------

TOP = ("benchmarks/", "ontology/", "queries/", "src/", "tests/", "tools/", "training/")
UNDER = {"resources/": "src/newskg/", "common/": "src/newskg/resources/", "<lang>/": "src/newskg/resources/"}


def code_spans(text: str) -> list[tuple[int, str]]:
    return [(tok.map[0] + 1, kid.content) for tok in _md().parse(text) if tok.type == "inline"
            for kid in tok.children or [] if kid.type == "code_inline"]


def test_files_and_modules_the_readme_names_exist():
    import importlib.util
    missing = []
    for line, span in code_spans(README.read_text(encoding="utf-8")):
        if re.fullmatch(r"newskg(?:\.\w+)+", span):
            if importlib.util.find_spec(span) is None:
                missing.append((line, span))
            continue
        if not re.fullmatch(r"[\w./<>-]+", span):
            continue
        base = next((ROOT / to for prefix, to in UNDER.items() if span.startswith(prefix)),
                    ROOT if span.startswith(TOP) else None)
        if base is not None and not list(base.glob(re.sub(r"<\w+>", "*", span.rstrip("/")))):
            missing.append((line, span))
    assert not missing, f"the README names files or modules that are not there: {missing}"
