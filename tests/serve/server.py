"""Starting a real `newskg serve` for the tests: uvicorn in a subprocess on a free port."""
from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(graph, *args: str) -> tuple[subprocess.Popen, str]:
    """`newskg serve GRAPH ARGS…` on a free port, once it answers: the process and base URL."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "newskg.cli", "serve", str(graph),
                             "--bind", f"127.0.0.1:{port}", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/sparql", timeout=2).close()
            return proc, url
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("newskg serve did not start: "
                                   + proc.stderr.read().decode()[-1000:])
            time.sleep(0.1)


def stop(proc: subprocess.Popen) -> None:
    """Stop a server as Ctrl-C or a service manager would (SIGTERM), killing it if it hangs."""
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    proc.stderr.close()


@contextlib.contextmanager
def running(graph, *args: str):
    """The base URL (http://127.0.0.1:PORT) of `newskg serve GRAPH ARGS…`, stopped afterwards."""
    proc, url = start(graph, *args)
    try:
        yield url
    finally:
        stop(proc)


def request(url: str, data: bytes | None = None, headers: dict | None = None,
            method: str | None = None) -> tuple[int, dict, bytes]:
    """(status, headers, body) of one HTTP request, error statuses included."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, dict(err.headers), err.read()
