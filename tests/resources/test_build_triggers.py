"""tools/build_triggers.py: reading PETRARCH2's CAMEO verb dictionary, inflecting its verbs, writing the
generated block of en/triggers.tsv. The dictionary itself is not in the repository: the tests read a few
lines in its format written here, and compare with the real file only where it is at hand."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "build_triggers.py"
CAMEO = Path(os.environ.get("NEWSKG_CAMEO", ROOT.parent / "shared" / "data" / "event-coding" / "CAMEO.2.0.txt"))

SAMPLE = """\
&TREATY
+TREATY
+PACT
+WRITTEN_AGREEMENT

####### VERB PATTERNS #######

---  MEET_PEOPLE   [040]  ---
+MEET_WITH {+MET_WITH +MEETS_WITH +MEETING_WITH }
FACE  # sha  8/17/93
MEET {MEETS MET MEETING}
- * (FOR TALKS)                                       [036:036]     # MEET
- * CRITICISM                                         [:111]        # FACE

---  FINANCE   [061]  ---
PAY {PAYING PAYS PAID}
- * VISIT                                             [042:043]     # PAY
- * TRIBUTE                                           [017]         # PAID

---  SIGN   [---]  ---
SIGN
- * &TREATY                                           [057:057]     # SIGN
- * {PEACE &TREATY}                                   [057:057]     # SIGN
- * LAW                                               [057]         # SIGN
"""


@pytest.fixture(scope="module")
def build():
    if not SCRIPT.exists():
        pytest.skip("tools/ is not part of an installed package")
    spec = importlib.util.spec_from_file_location("build_triggers", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod      # its dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def sample(build, tmp_path_factory):
    path = tmp_path_factory.mktemp("cameo") / "CAMEO.sample.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return build.read_dictionary(path)


def test_reads_synonym_sets_blocks_verbs_and_patterns(sample):
    synsets, blocks = sample
    assert synsets["&TREATY"] == ["treaty", "pact", "written agreement"]
    meet = blocks[0]
    assert (meet.name, meet.code) == ("MEET_PEOPLE", "040")
    assert [v.lemma for v in meet.verbs] == ["+MEET_WITH", "FACE", "MEET"]
    assert meet.verbs[2].forms == ["MEETS", "MET", "MEETING"]
    assert [(p.text, p.code, p.verbs) for p in meet.patterns] == [("* (FOR TALKS)", "036", ["MEET"]),
                                                                  ("* CRITICISM", "", ["FACE"])]
    assert blocks[2].code == ""       # "[---]": no code of its own


def test_candidates_are_the_verbs_and_patterns_of_the_chosen_codes(build, sample):
    _, blocks = sample
    found = {(c.code, c.verb, c.pattern) for c in build.candidates(blocks)}
    assert ("042", "PAY", "* VISIT") in found and ("057", "SIGN", "* &TREATY") in found
    assert ("040", "MEET", "*") in found
    assert not any(c[2] == "* TRIBUTE" for c in found)          # 017: not a code of newskg's events


@pytest.mark.parametrize("verb, forms", [
    ("meet", {"meet": "base", "meets": "present", "meeting": "ing", "met": "past"}),
    ("pay", {"pay": "base", "pays": "present", "paying": "ing", "paid": "past"}),
    ("sign", {"sign": "base", "signs": "present", "signing": "ing", "signed": "past"}),
    ("host", {"host": "base", "hosts": "present", "hosting": "ing", "hosted": "past"}),
    ("visit", {"visit": "base", "visits": "present", "visiting": "ing", "visited": "past"}),
    ("plan", {"plan": "base", "plans": "present", "planning": "ing", "planned": "past"}),
    ("conclude", {"conclude": "base", "concludes": "present", "concluding": "ing", "concluded": "past"}),
    ("begin", {"begin": "base", "begins": "present", "beginning": "ing", "began": "past", "begun": "past"}),
])
def test_inflections(build, verb, forms):
    assert build.Morphology().forms(verb) == forms


def test_realised_phrases_take_articles_and_expand_synonym_sets(build, sample):
    synsets, _ = sample
    assert build.realise("* VISIT", synsets) == ["a visit"]
    assert build.realise("* (FOR TALKS)", synsets) == ["for talks"]
    assert build.realise("* &TREATY", synsets) == ["a treaty", "a pact", "a written agreement"]
    assert build.realise("* {PEACE &TREATY}", synsets) == ["a peace treaty", "a peace pact"]
    assert build.realise("* TALKS (IN ^) (WITH)", synsets) == ["talks"]     # actor slots end the phrase
    assert build.realise("COMPANY * DEAL", synsets) is None                 # a subject noun: no fixed phrase


def test_every_kept_entry_names_a_known_event_and_code(build):
    for k in build.KEEP:
        assert k.code in build.TARGET_CODES
        assert (k.event or build.CODE_EVENT[k.code]) in {"Meeting", "Summit", "Visit", "Partnership"}
        assert k.needs in {"", "person"} and k.why


def test_generated_block_is_current():
    if not CAMEO.exists():
        pytest.skip(f"{CAMEO} not here (set NEWSKG_CAMEO to PETRARCH2's CAMEO.2.0.txt)")
    done = subprocess.run([sys.executable, str(SCRIPT), str(CAMEO), "--check"], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT / "src")))
    assert done.returncode == 0, done.stderr
