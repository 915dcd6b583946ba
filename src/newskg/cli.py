"""The `newskg` command: parses arguments, calls the Python API, prints.

Exit status: 0 all went well; 1 something in the data failed (an input article, a graph file, a
query, SHACL violations) — outputs are still written with what succeeded; 2 usage errors.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rdflib import Graph

from . import __version__
from .errors import InputError, NewskgError, StoreError, printable
from .vocab.namespaces import DEFAULT_BASE
from .graph.queries import QueryError, param_value
from .graph.backends import DEFAULT_STORE, STORES
from .graph.files import check_output_path

_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
_MULTI_SUFFIXES = (".jsonl",)


@click.group(context_settings=_CONTEXT)
@click.version_option(__version__, prog_name="newskg")
def main() -> None:
    """Turn Indonesian and English news articles into an RDF knowledge graph of meetings,
    summits, visits, partnerships, positions and quotes, and query it with SPARQL.

    \b
    Examples:
      newskg extract article.txt -o graph.trig
      newskg extract corpus.jsonl articles/ -o graph.ttl --lang id
      newskg query graph.trig meetings
      newskg query graph.trig timeline --param name="Xi Jinping"
      newskg extract more-articles/ --into graph.trig
      newskg duplicates graph.trig
      newskg validate graph.trig
      newskg export graph.trig --to graphml -o graph.graphml
      newskg infer graph.trig -o graph-inferred.trig
      newskg serve graph.trig
    """


# -- extract ------------------------------------------------------------------------------------

def _choose_models(models: tuple[str, ...]) -> None:
    """Apply --model LANG=PIPELINE choices (checked here, loaded on first use)."""
    from .nlp.pipeline import supported_languages, use_models

    choices = {}
    for item in models:
        lang, sep, model = item.partition("=")
        if not sep or not model or lang not in supported_languages():
            raise click.BadParameter(f"{item!r}: write LANG=PIPELINE with LANG one of "
                                     f"{', '.join(supported_languages())}", param_hint="'--model'")
        choices[lang] = model
    previous = use_models(choices)
    from .errors import NewskgError
    from .nlp.pipeline import get_pipeline
    for lang in choices:       # fail now, not once per article
        try:
            get_pipeline(lang)
        except NewskgError as exc:
            use_models(previous)
            raise click.BadParameter(str(exc), param_hint="'--model'") from None


def _open_target(target: str, base: str, update_url: str | None, store_url: str | None,
                 read_only: bool = False):
    """The KnowledgeGraph of a store folder or an endpoint URL (errors end the command)."""
    from .api import KnowledgeGraph
    from .graph.remote import Endpoint, EndpointError, is_endpoint_url

    try:
        if is_endpoint_url(target):
            return KnowledgeGraph(base=base, endpoint=Endpoint.from_url(target, update_url, store_url))
        return KnowledgeGraph(base=base, path=target, read_only=read_only)
    except (InputError, EndpointError) as exc:
        _fail(str(exc))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--base'") from None


def _is_store_folder(path: Path) -> bool:
    """A store folder: an existing folder, or a path without a suffix that does not exist yet."""
    return path.is_dir() or (not path.exists() and not path.suffix)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Graph file to write; its suffix picks the format: .trig or .nq (one named "
                   "graph per article), .ttl, .nt, .rdf (all triples), .jsonld.")
@click.option("--lang", type=click.Choice(["auto", "id", "en"]), default="auto", show_default=True,
              help="Language of the articles; auto detects it per article.")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI for the entities, events and articles minted.")
@click.option("--store", default=DEFAULT_STORE, show_default=True, metavar="KIND|DIR|URL",
              help=f"Where the graph is built: {', '.join(STORES)} (temporary; see "
                   "benchmarks/RESULTS.md), or a store folder or SPARQL endpoint URL to keep it in "
                   "(the same as --into DIR|URL).")
@click.option("--into", metavar="PATH|DIR|URL",
              help="Add to the graph in PATH: a graph file (.trig, .nq keep one graph per article; "
                   ".ttl, .nt work but cannot replace a changed article) rewritten atomically, an "
                   "Oxigraph store folder (a path without a suffix; created when missing; each "
                   "article written in one transaction, a very long one in parts), or a SPARQL "
                   "1.1 endpoint (http://…: SPARQL Update). Articles already there are skipped, so an interrupted run "
                   "goes on where it stopped; a new text of one (same id or URL) replaces its graph.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes that read articles (each builds its pipelines once); the "
                   "graph is the same for any number.")
@click.option("--dask", metavar="ADDRESS",
              help="Read articles on a Dask cluster: its scheduler's address (tcp://host:8786), or "
                   "'local' for a LocalCluster of --jobs worker processes. Needs newskg[dask].")
@click.option("--model", "models", multiple=True, metavar="LANG=PIPELINE",
              help="Trained spaCy pipeline for a language instead of the bundled one: an installed "
                   "package or a folder (e.g. en=en_core_web_sm), or LANG=rules for rules only. "
                   "Repeatable.")
@click.option("--update-url", metavar="URL", help="SPARQL Update URL of the endpoint, when the "
              "server lays its URLs out otherwise than newskg guesses (see README).")
@click.option("--store-url", metavar="URL", help="Graph Store Protocol URL of the endpoint (idem).")
@click.option("--infer", is_flag=True,
              help="Also write into OUT's default graph what the ontology's alignments entail "
                   "(schema:Event, sem:hasActor, …; see `newskg infer`). With -o only.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no summary line.")
def extract(inputs: tuple[Path, ...], output: Path | None, lang: str, base: str, store: str,
            into: str | None, jobs: int, dask: str | None, models: tuple[str, ...],
            update_url: str | None, store_url: str | None, infer: bool, quiet: bool) -> None:
    """Read articles and write their knowledge graph.

    INPUT is a .txt article (as copied off a news page), an .html/.htm page, a .jsonl corpus (one
    JSON record a line: "text" required; "id", "url", "title", "published", "publisher", "lang"
    optional) or a folder of these.  An input that cannot be read is reported as
    "error: FILE:LINE: message" and the others go on; the output holds every article that could
    be read, and the exit status is then 1.  Corpora are read as a stream, so their size is not
    limited by memory; interrupting (Ctrl-C) an --into run keeps every article written so far.

    \b
    Examples:
      newskg extract article.txt -o graph.trig
      newskg extract corpus.jsonl more-articles/ -o graph.ttl --lang id
      newskg extract page.html -o graph.jsonld --base https://example.org/kg/
      newskg extract big-corpus.jsonl --into store/ --jobs 4
      newskg extract big-corpus.jsonl --into http://localhost:7878 --dask tcp://head:8786
      newskg extract corpus.jsonl -o graph.trig --infer
    """
    import time

    from tqdm import tqdm

    from .api import KnowledgeGraph
    from .graph.remote import is_endpoint_url
    from .ingest import count_inputs
    from .ingest.inputs import input_kind

    if store not in STORES:
        if into is not None:
            raise click.UsageError("give --store DIR|URL or --into DIR|URL, not both")
        into, store = store, DEFAULT_STORE
    if output is None and into is None:
        raise click.UsageError("Missing option '-o' / '--output' (or '--into').")
    if infer and into is not None:
        raise click.UsageError("--infer writes the entailments into -o OUT only, not into a graph "
                               "kept with --into (they would go stale when an article is "
                               "replaced); run `newskg infer` on a copy instead")
    remote = into is not None and is_endpoint_url(into)
    into_path = Path(into) if into is not None and not remote else None
    into_store = remote or (into_path is not None and _is_store_folder(into_path))
    for path, hint in ((output, "'-o' / '--output'"), (None if into_store else into_path, "'--into'")):
        if path is None:
            continue
        try:
            check_output_path(path)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint=hint) from None
        if not path.parent.is_dir():
            raise click.BadParameter(f"folder {str(path.parent)!r} does not exist", param_hint=hint)
    if into_store:
        kg = _open_target(into, base, update_url, store_url)
    else:
        try:
            if into_path is not None and into_path.exists():
                kg = KnowledgeGraph.load(into_path, base=base, store=store)
            else:
                kg = KnowledgeGraph(base=base, store=store)
        except InputError as exc:
            _fail(str(exc))
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="'--base'") from None
    _choose_models(models)

    def report(line: str) -> None:
        tqdm.write(line, file=sys.stderr)

    errors = 0
    present = []
    for path in inputs:
        try:
            input_kind(path)
            present.append(path)
        except InputError as exc:    # missing, unreachable, a FIFO ...
            errors += 1
            report(f"error: {exc}")
    multi = len(inputs) > 1 or any(p.is_dir() or p.suffix.lower() in _MULTI_SUFFIXES
                                   for p in present)
    show = not quiet and multi and sys.stderr.isatty()   # a log file gets the lines, not a bar
    articles = 0
    started = time.perf_counter()
    items = kg.ingest(present, lang=None if lang == "auto" else lang, jobs=jobs,
                      dask=dask) if present else iter(())
    interrupted = False
    try:
        with tqdm(items, unit=" articles", file=sys.stderr, disable=not show, leave=False,
                  total=count_inputs(present) if show else None, dynamic_ncols=True,
                  mininterval=0.1 if sys.stderr.isatty() else 10.0) as bar:  # a log: a line per 10 s
            for item in bar:
                if isinstance(item, InputError):
                    errors += 1
                    report(f"error: {item}")
                    continue
                article, _ = item
                articles += 1
                for warning in article.warnings:
                    report(f"warning: {printable(article.source)}: {printable(warning)}")
    except KeyboardInterrupt:
        interrupted = True
    except StoreError as exc:      # the store cannot go on (disk full, lost, unreachable)
        _stop(kg, exc, into if into_store else None)
    except NewskgError as exc:
        _fail(str(exc))
    # every input failed: no file is written (an empty one would pass for a result), and a file
    # that is there stays as it was
    failed_all = articles == 0 and errors > 0
    targets = [p for p in (None if into_store else into_path, None if interrupted else output)
               if p is not None and not failed_all]
    if infer and targets:
        from .graph.infer import materialise
        materialise(kg.graph)
    for target in targets:
        try:
            kg.serialize(target)
        except OSError as exc:
            click.echo(f"error: cannot write {target}: {exc.strerror or exc}", err=True)
            sys.exit(1)
    counts = dict(kg.counts)
    try:
        kg.close()
    except StoreError as exc:      # e.g. the last flush found the disk full
        _fail(str(exc))
    where = " and ".join(str(p) for p in ([into] if into_store else []) + targets)
    if interrupted:
        kept = f"they are in {where}; run the same command again to go on (articles already " \
               f"there are skipped)" if where else "nothing was written"
        click.echo(f"interrupted after {articles} article{'s' * (articles != 1)}: {kept}", err=True)
        sys.exit(130)
    if not quiet:
        detail = ""
        if into is not None:
            c = counts
            detail = f" ({c['added']} added, {c['unchanged']} unchanged, {c['replaced']} replaced)"
        click.echo(f"{articles} article{'s' * (articles != 1)}{detail}, "
                   f"{errors} error{'s' * (errors != 1)} → {where or 'nothing written'}", err=True)
        if multi and articles:
            elapsed = time.perf_counter() - started
            click.echo(f"{elapsed:.1f} s, {articles / elapsed:.1f} articles/s", err=True)
    sys.exit(1 if errors else 0)


# -- query --------------------------------------------------------------------------------------

def _query_epilog() -> str:
    from .graph.queries import parameters, saved_queries, summary

    lines = ["\b", "Saved queries:"]
    for name, path in saved_queries().items():
        text = path.read_text(encoding="utf-8")
        params = " ".join(f"--param {p.name}=…" + ("" if p.required else " (optional)")
                          for p in parameters(text))
        lines.append(f"  {name:<15} {summary(text)}" + (f"  [{params}]" if params else ""))
    return "\n".join(lines)


@main.command(epilog=_query_epilog())
@click.argument("graph", metavar="GRAPH|DIR|URL")
@click.argument("query")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json", "tsv"]),
              default="table", show_default=True, help="Output: an aligned table, or the SPARQL "
              "1.1 CSV / JSON / TSV result formats.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query variable (repeatable). VALUE is a string; write <IRI> for an IRI.")
@click.option("--store", type=click.Choice(STORES), default=DEFAULT_STORE, show_default=True,
              help="Store to load the graph into (see benchmarks/RESULTS.md).")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI of the graph's instances (for short names in the table).")
@click.option("--max-width", type=click.IntRange(min=0), default=60, show_default=True,
              help="Cut table cells longer than this (0: never).")
def query(graph: str, query: str, fmt: str, params: tuple[str, ...], store: str, base: str,
          max_width: int) -> None:
    """Run a SPARQL query over a graph file, a store folder or a SPARQL endpoint.

    GRAPH is a .trig, .nq, .ttl, .nt, .jsonld or .rdf file (loaded into --store), an Oxigraph
    store folder made by `extract --into DIR` (opened read-only: it can be queried while an
    extraction writes to it), or the URL of a SPARQL 1.1 endpoint holding a newskg graph.  QUERY is
    the name of a saved query, a .rq file or the query text.  The default graph is the union of
    all the graph's articles, so the same query works everywhere.  Parameters are bound by the
    SPARQL engine (for an endpoint: written in as escaped RDF terms), never pasted into the query.

    \b
    Examples:
      newskg query graph.trig meetings
      newskg query graph.trig quotes --param speakerName="George Magnus" --format csv
      newskg query graph.ttl my-question.rq
      newskg query store/ timeline --param name="Xi Jinping"
      newskg query http://localhost:7878 meetings
      newskg query graph.trig "SELECT ?name WHERE { ?p a nkg:Person ; rdfs:label ?name }"
    """
    from .api import KnowledgeGraph
    from .graph.remote import EndpointError, is_endpoint_url
    from .graph.results import FORMATTERS, format_table

    bindings = dict(_parse_param(p) for p in params)
    if is_endpoint_url(graph) or Path(graph).is_dir():
        kg = _open_target(graph, base, None, None, read_only=True)
    else:
        if not Path(graph).exists():
            raise click.BadParameter(f"{graph!r}: no such file, folder or URL", param_hint="'GRAPH'")
        try:
            kg = KnowledgeGraph.load(graph, base=base, store=store)
        except InputError as exc:
            _fail(str(exc))
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="'--base'") from None
    try:
        result = kg.query(query, bindings)
    except EndpointError as exc:
        _fail(str(exc))
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    except Exception as exc:   # SPARQL syntax or evaluation error, from either engine
        _fail(f"query: {exc}")
    if isinstance(result, bool):
        click.echo(("true" if result else "false") if fmt != "json"
                   else f'{{"head": {{}}, "boolean": {str(result).lower()}}}')
    elif isinstance(result, Graph):
        click.echo(result.serialize(format="nt" if fmt in ("csv", "tsv") else "turtle"))
    elif fmt == "table":
        click.echo(format_table(result, kg.prefixes, max_width))
    else:
        click.echo(FORMATTERS[fmt](result), nl=False)


def _parse_param(text: str) -> tuple[str, object]:
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not name.isidentifier():
        raise click.BadParameter(f"{text!r} is not NAME=VALUE", param_hint="'--param'")
    return name, param_value(value)


# -- duplicates ---------------------------------------------------------------------------------

@main.command()
@click.argument("graph", metavar="GRAPH|DIR|URL")
@click.option("--threshold", type=click.FloatRange(0, 100), default=90.0, show_default=True,
              help="Least rapidfuzz ratio (0-100) of two labels to list them as similar.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "tsv"]), default="table",
              show_default=True)
def duplicates(graph: Path, threshold: float, fmt: str) -> None:
    """List nodes that may be one real thing, for a person to check.

    GRAPH is a graph file, an Oxigraph store folder or a SPARQL endpoint URL.  Listed are pairs
    of entity nodes of one
    type with the same Wikidata QID, the same name (titles, accents and spelling variants
    ignored), or labels at least THRESHOLD similar.  Nothing is changed.

    \b
    Example:
      newskg duplicates graph.trig
    """
    from .api import KnowledgeGraph

    from .graph.remote import is_endpoint_url
    if is_endpoint_url(graph) or Path(graph).is_dir():
        kg = _open_target(graph, DEFAULT_BASE, None, None, read_only=True)
    else:
        try:
            kg = KnowledgeGraph.load(graph)
        except InputError as exc:
            _fail(str(exc))
    found = kg.duplicates(threshold)
    if fmt == "tsv":
        click.echo("type\tlabel_a\tlabel_b\treason\ta\tb")
        for d in found:
            click.echo("\t".join([d.type, d.label_a, d.label_b, d.reason, d.a, d.b]))
    else:
        pre = sorted(kg.prefixes.items(), key=lambda kv: -len(kv[1]))
        short = lambda iri: next((f"{p}:{iri[len(ns):]}" for p, ns in pre if iri.startswith(ns)), iri)
        rows = [(d.type, d.label_a, d.label_b, d.reason, short(d.a), short(d.b)) for d in found]
        head = ("type", "label", "other label", "why", "node", "other node")
        widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
        for r in [head, tuple("-" * w for w in widths), *rows]:
            click.echo("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
        click.echo(f"\n{len(found)} pair{'s' * (len(found) != 1)} to check", err=True)


# -- export -------------------------------------------------------------------------------------

def _open_graph(graph: str, store: str = DEFAULT_STORE):
    """The KnowledgeGraph of GRAPH as `newskg query` takes it: a graph file (loaded), a store
    folder (read-only) or an endpoint URL (errors end the command)."""
    from .api import KnowledgeGraph
    from .graph.remote import is_endpoint_url

    if is_endpoint_url(graph) or Path(graph).is_dir():
        return _open_target(graph, DEFAULT_BASE, None, None, read_only=True)
    if not Path(graph).exists():
        raise click.BadParameter(f"{graph!r}: no such file, folder or URL", param_hint="'GRAPH'")
    try:
        return KnowledgeGraph.load(graph, store=store)
    except InputError as exc:
        _fail(str(exc))


@main.command(short_help="Export the network for Gephi, yEd, Cytoscape or Neo4j.")
@click.argument("graph", metavar="GRAPH|DIR|URL")
@click.option("--to", "fmt", type=click.Choice(["graphml", "gexf", "neo4j"]), required=True,
              help="graphml, gexf: one file (Gephi, yEd, Cytoscape, networkx); neo4j: a folder of "
                   "nodes.csv and relationships.csv for `neo4j-admin database import`.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="File to write (graphml, gexf), or folder (neo4j; created when missing). "
                   "Written atomically.")
@click.option("-q", "--quiet", is_flag=True, help="No progress, no summary line.")
def export(graph: str, fmt: str, output: Path, quiet: bool) -> None:
    """Export a graph's entities, events and positions as a network for graph tools.

    GRAPH is a graph file, a store folder (opened read-only) or a SPARQL endpoint URL, as for
    `newskg query`.  Nodes: people, organisations, countries, places, events and positions, each
    with its type, label, label in each language (label_en, label_id), Wikidata QID and, for an
    event, its date and status.  Edges, typed: PARTICIPANT and LOCATION (event → entity, with the
    event's date and status), PART_OF (meeting → summit), ORGANIZER, HOLDS (person → position, with
    the title) and OF (position → whose office).  Node ids are the graph's IRIs.

    \b
    Examples:
      newskg export graph.trig --to graphml -o graph.graphml
      newskg export store/ --to gexf -o graph.gexf
      newskg export graph.trig --to neo4j -o neo4j-import/
      neo4j-admin database import full --nodes=neo4j-import/nodes.csv \\
          --relationships=neo4j-import/relationships.csv neo4j
    """
    from .export import ExportError, read_network, write_network

    if not output.parent.is_dir():
        raise click.BadParameter(f"folder {str(output.parent)!r} does not exist",
                                 param_hint="'-o' / '--output'")
    say = (lambda message: None) if quiet else (lambda message: click.echo(f"{message} …", err=True))
    kg = _open_graph(graph)
    try:
        network = read_network(kg, say)
    except Exception as exc:   # SPARQL evaluation or endpoint error, from any store
        _fail(f"{graph}: cannot read the graph: {exc}")
    finally:
        kg.close()
    if not network.nodes:
        _fail(f"{graph}: not a newskg graph (it holds no entity, event or position)")
    say(f"writing {fmt}")
    try:
        written = write_network(network, fmt, output)
    except ExportError as exc:
        _fail(str(exc))
    if not quiet:
        n, e = len(network.nodes), len(network.edges)
        click.echo(f"{n} node{'s' * (n != 1)}, {e} edge{'s' * (e != 1)} → "
                   f"{', '.join(str(p) for p in written)}", err=True)


# -- infer --------------------------------------------------------------------------------------

@main.command(short_help="Add what the ontology entails (schema.org, SEM, PROV-O, ORG).")
@click.argument("graph", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Graph file to write (format from the suffix, as for extract); written "
                   "atomically. May be GRAPH itself.")
@click.option("--store", type=click.Choice(STORES), default=DEFAULT_STORE, show_default=True,
              help="Store to load the graph into (see benchmarks/RESULTS.md).")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
def infer(graph: Path, output: Path, store: str, quiet: bool) -> None:
    """Add what the ontology's alignments entail, so that queries in schema.org, SEM, PROV-O and
    ORG terms find newskg's data.

    Every node gets the superclasses of its classes (a nkg:Meeting is also a nkg:Event, a
    schema:Event and a sem:Event; a nkg:Person a schema:Person, sem:Actor and prov:Agent) and
    every statement the superproperties of its property (nkg:participant is also sem:hasActor,
    nkg:location sem:hasPlace and schema:location, nkg:holds org:holds): the closure of the
    rdfs:subClassOf, rdfs:subPropertyOf and owl:equivalent* axioms of ontology/newskg.ttl, run as
    two SPARQL updates, not a general reasoner.  The entailed statements go into the default graph
    (what queries read); each article's named graph stays as its article said it.

    \b
    Examples:
      newskg infer graph.trig -o graph-inferred.trig
      newskg query graph-inferred.trig "SELECT ?e WHERE { ?e a schema:Event ; sem:hasActor ?who }"
    """
    import time

    from .api import KnowledgeGraph
    from .graph.infer import materialise

    if not graph.exists():
        raise click.BadParameter(f"{str(graph)!r}: no such file", param_hint="'GRAPH'")
    try:
        check_output_path(output)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'-o' / '--output'") from None
    if not output.parent.is_dir():
        raise click.BadParameter(f"folder {str(output.parent)!r} does not exist",
                                 param_hint="'-o' / '--output'")
    try:
        kg = KnowledgeGraph.load(graph, store=store)
    except InputError as exc:
        _fail(str(exc))
    before = len(kg)
    started = time.perf_counter()
    materialise(kg.graph)
    elapsed = time.perf_counter() - started
    added = len(kg) - before
    try:
        kg.serialize(output)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")
    finally:
        kg.close()
    if not quiet:
        click.echo(f"{added} statement{'s' * (added != 1)} entailed ({before} → {before + added}, "
                   f"{elapsed:.2f} s) → {output}", err=True)


# -- validate -----------------------------------------------------------------------------------

@main.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--store", type=click.Choice(STORES), default="memory", show_default=True,
              help="Store to load the graph into (rdflib's memory store keeps every literal "
                   "exactly as written).")
@click.option("--no-reasoner", is_flag=True,
              help="Run the SHACL check only (the OWL consistency check needs Java).")
def validate(graph: Path, store: str, no_reasoner: bool) -> None:
    """Check a graph file against the newskg SHACL shapes and the OWL ontology.

    Prints each violation and exits with status 1 when there is any, and with status 2 when a
    check could not run (e.g. no Java for the OWL reasoner: install one, or pass --no-reasoner).

    \b
    Example:
      newskg validate graph.trig
    """
    from .graph.files import load_graph
    from .graph.validate import validate as run_validation

    try:
        dataset = load_graph(graph, kind=store).dataset
    except InputError as exc:
        _fail(str(exc))
    report = run_validation(dataset, reasoning=not no_reasoner)
    violations = list(report.violations)
    for violation in violations:
        click.echo(f"violation: {violation}")
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    for missing in report.unchecked:
        click.echo(f"error: {graph}: {missing}", err=True)
    if not report.conforms:
        click.echo(f"{graph}: {len(violations)} violation{'s' * (len(violations) != 1)}", err=True)
        sys.exit(1)
    if report.unchecked:
        click.echo(f"{graph}: no violation found, but not every check ran", err=True)
        sys.exit(2)
    click.echo(f"{graph}: conforms", err=True)
    sys.exit(0)


def _stop(kg, exc: Exception, into: str | None) -> None:
    """End a run the store cannot go on with: one error line saying what is kept, exit 1."""
    added = kg.counts["added"] + kg.counts["replaced"]
    kept = f"; {added} article{'s' * (added != 1)} added before it stay in {into}" if into else ""
    try:
        kg.close()
    except StoreError:
        pass                       # the same fault, already being reported: one line is enough
    _fail(f"{exc}{kept}")


# -- serve --------------------------------------------------------------------------------------

@main.command()
@click.argument("graph", metavar="GRAPH|DIR", type=click.Path(exists=True, path_type=Path))
@click.option("--bind", default="127.0.0.1:7878", show_default=True, metavar="HOST:PORT",
              help="Address to listen on; the default answers this machine only.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a query may run; past them it is stopped and answered 503.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Processes that run queries side by side.")
@click.option("--allow-update", is_flag=True,
              help="Accept SPARQL updates (with --token-file): without it every update is 403.")
@click.option("--token-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File holding the token an update must send as 'Authorization: Bearer …'.")
@click.option("--cors", multiple=True, metavar="ORIGIN",
              help="Let web pages of ORIGIN (e.g. https://example.org) query (repeatable).")
@click.option("--max-request-size", type=click.IntRange(min=1), default=1 << 20,
              show_default=True, metavar="BYTES", help="Largest request body or query string.")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI of the graph's instances (its prefixes can be used in queries).")
@click.option("--infer", is_flag=True,
              help="Also serve what the ontology's alignments entail (as `newskg infer`), in a "
                   "temporary copy; a store folder is copied as it is at the start.")
def serve(graph: Path, bind: str, timeout: float, workers: int, allow_update: bool,
          token_file: Path | None, cors: tuple[str, ...], max_request_size: int,
          base: str, infer: bool) -> None:
    """Serve a graph file or a store folder as a SPARQL 1.1 Protocol endpoint.

    The endpoint is http://HOST:PORT/sparql (also /query): GET ?query=…, or POST the query as
    application/sparql-query or as a form; results as SPARQL JSON, XML, CSV or TSV, graphs as
    Turtle, N-Triples, JSON-LD or RDF/XML, by the Accept header; without a query it answers its
    service description.  /queries/NAME?PARAM=VALUE runs a saved query (listed at /queries), its
    parameters bound as `newskg query --param` binds them.  http://HOST:PORT/ opens the explorer
    pages: search, entity pages with a timeline, event pages with their evidence sentences, the
    network of who meets whom, and a query page with the saved queries.  A graph file is loaded
    once; a store folder is opened read-only, so `newskg extract --into DIR` can go on adding to
    it, and new articles appear from the next query on.
    The server is read-only: an update gets 403, unless --allow-update and --token-file are
    given (then an update needs the token; it changes the store folder, or the loaded copy of a
    graph file, never the file).
    --infer adds what the ontology's alignments entail (schema:Event, sem:hasActor, …; the closure
    `newskg infer` writes, ~10 s per million triples) to a temporary copy, which is served: a store
    folder is copied as it is at the start (hard links), so articles added to it later are not
    served until a restart.  It cannot be combined with --allow-update.

    \b
    Examples:
      newskg serve graph.trig
      newskg serve store/ --bind 127.0.0.1:8000 --timeout 10
      newskg serve graph.trig --infer
      curl 'http://127.0.0.1:7878/queries/timeline?name=Xi%20Jinping'
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
           http://127.0.0.1:7878/sparql
    """
    from .vocab.iris import all_prefixes
    from .serve.app import Settings
    from .serve.app import serve as run_server
    from .serve.source import open_source

    host, sep, port = bind.rpartition(":")
    if not sep or not port.isdigit() or not host:
        raise click.BadParameter(f"{bind!r} is not HOST:PORT", param_hint="'--bind'")
    if allow_update != (token_file is not None):
        raise click.UsageError("--allow-update and --token-file go together: updates need a token")
    if infer and allow_update:
        raise click.UsageError("--infer serves a temporary copy with what the ontology entails, "
                               "which an update would not keep in step: use one or the other")
    token = token_file.read_text(encoding="utf-8").strip() if token_file else None
    if token_file and not token:
        _fail(f"{printable(str(token_file))}: the token file is empty")
    try:
        settings = Settings(all_prefixes(base), workers, timeout, token, list(cors),
                            max_request_size)
        source = open_source(graph, infer=infer)
    except InputError as exc:
        _fail(str(exc))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--base'") from None
    click.echo(f"newskg serve: {printable(str(graph))} at http://{bind}/sparql "
               f"({'updates with a token' if token else 'read-only'}; queries stopped after "
               f"{timeout:g} s); explorer pages at http://{bind}/", err=True)
    try:
        run_server(source, settings, host.strip("[]"), int(port))
    finally:
        source.close()


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
