"""Answers other than 200 for `newskg serve`, and running a query with the runner's failures
turned into them: 400 for a malformed query, 406 for a format the request does not accept, 503
past the time limit, 500 when a worker fails.  Shared by the SPARQL endpoint (`app`) and the
explorer's JSON routes (`explorer`)."""
from __future__ import annotations

from .protocol import NotAcceptable
from .runner import BadQuery, QueryTimeout, Runner, WorkerError


class HTTPProblem(Exception):
    """An answer other than 200, with the plain-text message a user reads."""

    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


async def run(runner: Runner, text: str, substitutions: dict, media_types: list[str],
              default_graphs=(), named_graphs=()) -> tuple[bytes, str]:
    """The query's results, serialized in the first of `media_types` that fits, and that
    format's media type; HTTPProblem when it cannot be answered."""
    try:
        return await runner.query(text, substitutions, media_types, default_graphs,
                                  named_graphs)
    except BadQuery as exc:
        raise HTTPProblem(400, f"malformed query: {exc}") from None
    except NotAcceptable as exc:
        raise HTTPProblem(406, str(exc)) from None
    except QueryTimeout as exc:
        raise HTTPProblem(503, f"{exc} (the server's --timeout); other queries are answered "
                               f"meanwhile") from None
    except (WorkerError, OSError, RuntimeError) as exc:
        raise HTTPProblem(500, f"the query failed: {exc}") from None
