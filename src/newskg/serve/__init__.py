"""`newskg serve`: a SPARQL 1.1 Protocol endpoint over a graph file or a store folder.

Data flows one way: `source` makes what is served an Oxigraph folder (a store folder as it is, a
graph file loaded once into a temporary one); `runner` runs queries on it in a small pool of
worker processes, each opening the folder read-only (a query past the time limit is stopped by
ending its worker, which is replaced); `protocol` reads requests and picks result formats; `app`
is the Starlette application with its routes, run by uvicorn; `problems` turns what cannot be
answered into HTTP statuses; `explorer` serves the explorer pages (`static/`) and the JSON they
read, from page queries kept as files (`resources/common/explorer/`) run through the same runner.
"""
