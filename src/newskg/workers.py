"""Extraction off the main process: worker processes on this machine, or a Dask cluster.

`extract_in_order(items, jobs=N)` or `extract_in_order(items, dask="tcp://host:8786")` yields, for each
item in input order, `(item, Facts)` for an Article read, `(item, error)` when its extraction failed,
and `(item, None)` for anything else (an InputError of the readers, passed through in its place).
Items are taken from the input only as workers become free (a bounded window of batches in flight),
so a corpus of any size streams through in flat memory.  Each worker builds its spaCy pipelines once,
on its first article of a language, and keeps them for every later batch; the model choices of this
process (`newskg.nlp.pipeline.use_models`) go with every batch, so workers read with the same models.

Only extraction runs in the workers: resolution and writing stay in the calling process, in input
order, so the graph does not depend on the number of workers.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import select
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from .article import Article
from .errors import InputError, NewskgError
from .tempfiles import process_alive

#: articles sent to a worker at a time
BATCH = 8
#: batches in flight per worker (the read-ahead)
AHEAD = 3
#: new strings a pipeline's vocabulary keeps for good before batches are read in memory zones
KEEP_STRINGS = 20_000


class ExtractionFailed(Exception):
    """An article whose extraction raised in a worker: the exception's type name and message
    (the exception itself may not survive the trip back), and for an InputError its line."""

    def __init__(self, kind: str, message: str, input_error: bool = False, line: int | None = None):
        super().__init__(kind, message, input_error, line)
        self.kind, self.message, self.input_error, self.line = kind, message, input_error, line

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


def model_choices() -> dict[str, str]:
    """This process's pipeline choice per language ("rules" for none), for the workers."""
    from .nlp.pipeline import RULES_ONLY, model_for, supported_languages
    return {lang: model_for(lang) or RULES_ONLY for lang in supported_languages()}


_applied: dict[str, str] | None = None


def _use(choices: dict[str, str]) -> None:
    """Apply the parent's model choices in a worker (only when they change: applying them drops
    the pipelines built so far)."""
    global _applied
    if choices != _applied:
        from .nlp.pipeline import use_models
        use_models(choices)
        _applied = dict(choices)


_warm: dict = {}      # language -> (its pipeline, its vocabulary's size after one article here)


def _zone(lang: str, nlp):
    """spaCy's memory zone (spaCy 3.8) once the pipeline's vocabulary has grown by
    `KEEP_STRINGS` since its first article, else no zone.  Inside a zone the strings and lexemes
    of new words are let go afterwards, so a long run's vocabulary stops growing; but a zone makes
    spaCy create them again in every batch (~7 % of the reading time when every batch has one), so
    the first new words (mostly the corpus's frequent ones) are kept for good."""
    if len(nlp.vocab.strings) > _warm[lang][1] + KEEP_STRINGS:
        return nlp.memory_zone()
    return contextlib.nullcontext()


def _warm_up(article: Article, nlp):
    """A language's first article, read outside a zone, so that everything its pipeline builds
    lazily (word-list matchers) is built for good."""
    from .extract import extract_facts
    facts = extract_facts(article)
    _warm[article.lang] = (nlp, len(nlp.vocab.strings))
    return facts


def _warmed(lang: str, nlp) -> bool:
    return lang in _warm and _warm[lang][0] is nlp


def extract_one(article: Article):
    """The Facts of one article (read in a memory zone once the vocabulary has grown: `_zone`)."""
    from .extract import extract_facts
    from .nlp.pipeline import get_pipeline
    if not article.lang:
        from .ingest.lang import detect_language
        article.lang = detect_language(article.body, article.source)
    nlp = get_pipeline(article.lang)
    if not _warmed(article.lang, nlp):
        return _warm_up(article, nlp)
    with _zone(article.lang, nlp):
        return extract_facts(article)


def extract_many(articles: list[Article]) -> list:
    """Facts, or the exception its extraction raised, for each article, in order.  The articles
    of one language are read together (`newskg.extract.extract_many`: one `nlp.pipe`), inside one
    memory zone once the vocabulary has grown (`_zone`); a language's first article warms its
    pipeline alone (`extract_one`)."""
    from . import extract
    from .nlp.pipeline import get_pipeline
    out: list = [None] * len(articles)
    groups: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        try:
            if not article.lang:
                from .ingest.lang import detect_language
                article.lang = detect_language(article.body, article.source)
            nlp = get_pipeline(article.lang)
            if not _warmed(article.lang, nlp):
                out[i] = _warm_up(article, nlp)
                continue
        except Exception as exc:
            out[i] = exc
            continue
        groups.setdefault(article.lang, []).append(i)
    for lang, idxs in groups.items():
        with _zone(lang, get_pipeline(lang)):
            for i, result in zip(idxs, extract.extract_many([articles[i] for i in idxs])):
                out[i] = result
    return out


def extract_batch(articles: list[Article], choices: dict[str, str]) -> list:
    """Facts or ExtractionFailed for each article (run in a worker process)."""
    _use(choices)
    out = []
    for result in extract_many(articles):
        if isinstance(result, InputError):
            out.append(ExtractionFailed(type(result).__name__, result.message, True, result.line))
        elif isinstance(result, Exception):
            out.append(ExtractionFailed(type(result).__name__, str(result)))
        else:
            out.append(result)
    return out


def _batches(items: Iterable, size: int) -> Iterator[list]:
    """Runs of up to `size` consecutive items: articles to extract, or a single other item."""
    run: list = []
    for item in items:
        if isinstance(item, Article):
            run.append(item)
            if len(run) >= size:
                yield run
                run = []
        else:
            if run:
                yield run
                run = []
            yield [item]
    if run:
        yield run


def _in_order(items: Iterable, submit, workers: int) -> Iterator[tuple]:
    """Submit batches of articles (at most `workers * AHEAD` in flight) and yield their results in
    input order; `submit(batch)` returns something with `.result()`."""
    pending: deque = deque()
    source = _batches(items, BATCH)

    def fill() -> None:
        while len(pending) < workers * AHEAD:
            batch = next(source, None)
            if batch is None:
                return
            if isinstance(batch[0], Article):
                pending.append((batch, submit(batch)))
            else:
                pending.append((batch, None))

    fill()
    while pending:
        batch, future = pending.popleft()
        results = future.result() if future is not None else [None]
        fill()
        yield from zip(batch, results)


def extract_in_order(items: Iterable, jobs: int = 1, dask: str | None = None) -> Iterator[tuple]:
    """(item, Facts | exception | None) for each item, in input order (see the module doc): with
    workers a failed extraction comes back as ExtractionFailed, in this process as the exception.

    `jobs` worker processes on this machine (1: in this process); `dask`: the address of a Dask
    scheduler ("tcp://host:8786"), or "local" for a LocalCluster of `jobs` worker processes.
    """
    if dask:
        yield from _dask(items, dask, jobs)
        return
    if jobs <= 1:   # failures come back as the exception: the caller decides (strict: raise it)
        for batch in _batches(items, BATCH):
            if isinstance(batch[0], Article):
                yield from zip(batch, extract_many(batch))
            else:
                yield batch[0], None
        return
    from concurrent.futures import ProcessPoolExecutor
    choices = model_choices()
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method),
                               initializer=watch_parent, initargs=(os.getpid(),))
    try:
        yield from _in_order(items, lambda batch: pool.submit(extract_batch, batch, choices), jobs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def watch_parent(pid: int) -> None:
    """In a worker process: end this process as soon as process `pid` (the one that started the
    pool) has exited, SIGKILL included — a killed parent cannot shut its pool down, and idle
    workers would wait for work forever (and keep the forkserver and resource tracker alive).
    A daemon thread waits on a pidfd (Linux), else checks every second."""
    def watch() -> None:
        try:
            fd = os.pidfd_open(pid)
        except ProcessLookupError:
            os._exit(1)
        except (AttributeError, OSError):        # no pidfd here: poll
            while process_alive(pid):
                time.sleep(1.0)
            os._exit(1)
        select.select([fd], [], [])              # readable once the process has exited
        os._exit(1)

    threading.Thread(target=watch, name="newskg-watch-parent", daemon=True).start()


def _dask(items: Iterable, address: str, jobs: int) -> Iterator[tuple]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise NewskgError("--dask needs Dask: pip install 'newskg[dask]'") from None
    choices = model_choices()
    cluster = None
    if address == "local":
        cluster = LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        try:
            client = Client(address, timeout="30s")
        except OSError as exc:
            raise NewskgError(f"cannot reach the Dask scheduler {address}: {exc}") from None
    try:
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        yield from _in_order(items, lambda batch: client.submit(extract_batch, batch, choices,
                                                                pure=False), workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
