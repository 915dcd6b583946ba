"""Temporary files and folders a killed run leaves are removed by the next run, and only those
(issue 11, finding 12)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kills processes with SIGKILL")

HOLDER = """
import sys, time
from pathlib import Path
from newskg import KnowledgeGraph
from newskg.graph.files import atomic_file
kg = KnowledgeGraph()                                  # a temporary store folder
with atomic_file(Path(sys.argv[1])) as fh:             # a partial output file
    fh.write(b"<a> <b> <c> .")
    fh.flush()
    print("ready", flush=True)
    time.sleep(600)
"""


def holder(out, env) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(out)], stdout=subprocess.PIPE,
                            env=env, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_the_next_run_removes_what_killed_runs_left_and_nothing_else(tmp_path):
    env = dict(os.environ, TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    out = tmp_path / "graph.trig"
    killed, alive = holder(out, env), holder(out, env)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    try:
        def left(pid):
            return ([p for p in tmp_path.glob(f".graph.trig.{pid}-*.tmp")],
                    [p for p in (tmp_path / "tmp").glob(f"newskg-store-{pid}-*")])
        assert all(left(killed.pid)) and all(left(alive.pid))
        article = tmp_path / "a.txt"
        article.write_text("Joko Widodo met Anthony Albanese in Jakarta on Monday.\n")
        done = subprocess.run([sys.executable, "-m", "newskg.cli", "extract", str(article), "-o",
                               str(out), "--model", "en=rules", "--model", "id=rules"],
                              capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        assert left(killed.pid) == ([], [])                 # the killed run's: gone
        assert all(left(alive.pid))                         # the live one's: kept
    finally:
        alive.kill()
        alive.wait()
