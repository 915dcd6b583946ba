"""Facts → RDF: IRI minting, provenance, namespaces, stores and validation."""
