"""`newskg serve` is safe by default: localhost, read-only, bounded requests, no CORS unless
asked; updates only with `--allow-update --token-file` and the token."""
from __future__ import annotations

import urllib.parse

from click.testing import CliRunner

from newskg.cli import main

from .server import request, running

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:x:g> { ?s ?p ?o } }"


def count(url: str) -> int:
    status, _, body = request(f"{url}/sparql?" + urllib.parse.urlencode({"query": COUNT}),
                              headers={"Accept": "text/csv"})
    assert status == 200, body
    return int(body.decode().splitlines()[1])


def test_defaults_listen_on_localhost_only_read_only():
    out = CliRunner().invoke(main, ["serve", "--help"])
    assert out.exit_code == 0
    assert "[default: 127.0.0.1:7878]" in out.output and "--allow-update" in out.output


def test_allow_update_needs_a_token_file(seed_graph, tmp_path):
    out = CliRunner().invoke(main, ["serve", str(seed_graph), "--allow-update"])
    assert out.exit_code == 2 and "--token-file" in out.output
    empty = tmp_path / "empty"
    empty.write_text("\n")
    out = CliRunner().invoke(main, ["serve", str(seed_graph), "--allow-update", "--token-file",
                                    str(empty)])
    assert out.exit_code == 1 and "token file is empty" in out.output


def test_updates_need_the_bearer_token(seed_graph, tmp_path):
    token = tmp_path / "token"
    token.write_text("s3cret-token\n")
    insert = b"INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:p> 1 } }"
    kind = {"Content-Type": "application/sparql-update"}
    with running(seed_graph, "--allow-update", "--token-file", str(token)) as url:
        status, headers, body = request(f"{url}/update", insert, kind)
        assert status == 401 and headers["www-authenticate"].startswith("Bearer")
        status, _, _ = request(f"{url}/update", insert, {**kind, "Authorization": "Bearer wrong"})
        assert status == 401
        assert count(url) == 0
        status, _, body = request(f"{url}/update", insert,
                                  {**kind, "Authorization": "Bearer s3cret-token"})
        assert status == 204, body
        assert count(url) == 1 or _eventually(lambda: count(url) == 1)
        status, _, body = request(f"{url}/sparql", b"update=INSERT+DATA+%7B",
                                  {"Content-Type": "application/x-www-form-urlencoded",
                                   "Authorization": "Bearer s3cret-token"})
        assert status == 400 and body.startswith(b"malformed update:")
    assert "urn:x:a" not in seed_graph.read_text()          # the file itself is never written


def _eventually(check, seconds: float = 5.0) -> bool:
    import time
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_request_size_limit_and_cors_only_when_asked(seed_graph):
    with running(seed_graph, "--max-request-size", "200") as url:
        big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 300
        status, _, body = request(f"{url}/sparql", big.encode(),
                                  {"Content-Type": "application/sparql-query"})
        assert status == 413 and b"limit of 200 bytes" in body
        status, _, _ = request(f"{url}/sparql?" + urllib.parse.urlencode({"query": big}))
        assert status == 414
        status, headers, _ = request(f"{url}/sparql?query=ASK%7B%7D",
                                     headers={"Origin": "https://example.org"})
        assert status == 200 and "access-control-allow-origin" not in headers
    with running(seed_graph, "--cors", "https://example.org") as url:
        status, headers, _ = request(f"{url}/sparql?query=ASK%7B%7D",
                                     headers={"Origin": "https://example.org"})
        assert headers.get("access-control-allow-origin") == "https://example.org"
        status, headers, _ = request(f"{url}/sparql?query=ASK%7B%7D",
                                     headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in headers


def test_the_loaded_copy_of_a_graph_file_goes_when_the_server_stops(seed_graph):
    import signal
    import tempfile
    from pathlib import Path

    from .server import start, stop

    def copies(proc):
        return list(Path(tempfile.gettempdir()).glob(f"newskg-serve-{proc.pid}-*"))

    proc, _ = start(seed_graph)
    assert len(copies(proc)) == 1
    stop(proc)                                   # SIGTERM: shut down cleanly
    assert proc.returncode is not None and copies(proc) == []
    killed, _ = start(seed_graph)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    killed.stderr.close()
    assert len(copies(killed)) == 1              # a kill leaves it …
    proc, _ = start(seed_graph)
    stop(proc)
    assert copies(killed) == []                  # … and the next server removes it
