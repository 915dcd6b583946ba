"""The README's `newskg serve` examples (the curl lines and the SPARQLWrapper script) print what
the README shows, run against a real server on the seed graph (the README's demo-out graph)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .server import running

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCK = re.compile(r"<!-- serve-example -->\n```(\w+)\n(.*?)```\s*\n(?:.*?\n)??"
                   r"<!-- serve-output -->\n```\n(.*?)```", re.S)


def examples() -> list[tuple[str, str, str]]:
    found = BLOCK.findall(README.read_text(encoding="utf-8"))
    assert len(found) == 2, "the README's serve examples are not where this test looks"
    return found


@pytest.fixture(scope="module")
def server(seed_graph):
    with running(seed_graph) as url:
        yield url


@pytest.mark.parametrize("n", [0, 1])
def test_the_readme_serve_examples_print_what_it_shows(server, n):
    kind, code, shown = examples()[n]
    code = code.replace("http://127.0.0.1:7878", server)
    if kind == "sh":
        if shutil.which("curl") is None:
            pytest.skip("curl is not installed")
        done = subprocess.run(["bash", "-c", code], capture_output=True, text=True, timeout=60)
    else:
        pytest.importorskip("SPARQLWrapper")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.replace("\r\n", "\n") == shown
