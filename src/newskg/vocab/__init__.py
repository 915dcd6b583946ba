"""The names newskg writes, below every stage that writes RDF (resolve/ and graph/ both use them):
namespaces (`namespaces`), the IRIs minted for articles, entities and facts and the prefixes that
shorten them (`iris`), and the literals made from dates, events and URLs (`literals`)."""
