"""The seed article scored against its hand-made gold annotation with the shared scorer
(skips when ../shared is absent): the acceptance bar of the first issue."""
import importlib.util
import json
from pathlib import Path

import pytest
import rdflib

from newskg.api import KnowledgeGraph
from newskg.paths import EXAMPLE_ARTICLE

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOLD = SHARED / "seed" / "nextren-2022-09-12-putin-xi.gold.json"
SCORER = SHARED / "eval" / "score.py"

pytestmark = pytest.mark.skipif(not (GOLD.exists() and SCORER.exists()), reason="shared seed/eval absent")


def test_seed_scores_at_the_acceptance_bar(tmp_path):
    spec = importlib.util.spec_from_file_location("score", SCORER)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    kg = KnowledgeGraph()
    kg.add_file(EXAMPLE_ARTICLE)
    out = tmp_path / "seed.ttl"
    kg.serialize(out)
    g = rdflib.Graph().parse(out)
    res = score.score_article(g, json.loads(GOLD.read_text(encoding="utf-8")), score.class_closure(g))
    ent = score.prf(res["ent"]["tp"], res["ent"]["fp"], res["ent"]["fn"])[2]
    ev = score.prf(res["ev"]["tp"], res["ev"]["fp"], res["ev"]["fn"])[2]
    arg = score.prf(res["arg"]["tp"], res["arg"]["fp"], res["arg"]["fn"])[2]
    assert ent >= 0.90 and ev == 1.0 and arg >= 0.85, (ent, ev, arg, res["event_details"])
