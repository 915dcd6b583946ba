import pytest

from newskg.ingest import article_from_text
from newskg.extract import extract_facts


def read(text, lang, published="2023-06-07"):
    """Facts of a short article, with entity keys replaced by canonical names."""
    facts = extract_facts(article_from_text(text, lang=lang, published=published))
    name = {e.key: e.name for e in facts.entities}
    events = [{"type": v.type, "participants": sorted(name[p] for p in v.participants),
               "location": name.get(v.location), "date": v.date.iso if v.date else None,
               "status": v.status, "organizer": name.get(v.organizer),
               "part_of": v.part_of} for v in facts.events]
    return facts, name, events


@pytest.fixture
def reader():
    return read
