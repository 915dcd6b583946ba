"""Starting a SPARQL server for a benchmark (`newskg serve` or the `oxigraph` CLI): a free port on
this machine, waiting until the server answers, and stopping it."""
from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answering(proc: subprocess.Popen, url: str, what: str, timeout: float,
                         log: Callable[[], str] | None = None) -> None:
    """Return once a GET of `url` answers; stop the server and exit naming `what` (and the end of
    its `log`, when given) if the process ends or `timeout` seconds pass first."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                stop(proc)
                detail = log()[-2000:] if log is not None else ""
                raise SystemExit(f"{what} did not start{': ' + detail if detail else ''}")
            time.sleep(0.1)


def stop(proc: subprocess.Popen, timeout: float = 30) -> None:
    """Ask the server to end; kill it if it has not after `timeout` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
