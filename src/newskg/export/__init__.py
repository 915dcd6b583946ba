"""Exports of a newskg graph to the formats of graph tools: GraphML and GEXF (Gephi, yEd,
Cytoscape, networkx) and Neo4j's import CSV.

`read.read_network(kg)` asks a graph (anything with `KnowledgeGraph.query`) for its entities,
events and positions and the typed edges between them; `write.write_network(network, fmt, out)`
writes them.  Data flows one way: graph → read → write.
"""
from .read import Network, read_network
from .write import FORMATS, ExportError, write_network

__all__ = ["FORMATS", "ExportError", "Network", "read_network", "write_network"]
