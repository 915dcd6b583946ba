"""Trigger phrases of the data files (resources/<lang>/triggers.tsv) at work on sentences written for
these tests: verb phrases taken from the CAMEO dictionary, inflections, light verbs, Indonesian nominal
forms, and words that are no trigger."""
import pytest

from newskg.resources import read_tsv


def only(events, kind):
    return [e for e in events if e["type"] == kind]


def trigger_texts(facts, kind):
    """The trigger phrases of the events of one kind, as written."""
    return [t.text for ev in facts.events if ev.type == kind for t in ev.triggers]


# ------------------------------------------------------------------ the data files
@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_trigger_row_says_where_it_came_from(lang):
    rows = read_tsv(lang, "triggers.tsv")
    assert rows and all(r["source"] for r in rows)
    assert {r["source"] for r in rows} <= {"newskg"} | {r["source"] for r in rows if r["source"].startswith("CAMEO 2.0 ")}
    assert {r["event"] for r in rows} <= {"Meeting", "Summit", "Visit", "Partnership", ""}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_form_is_written_once(lang):
    forms = [r["form"].lower() for r in read_tsv(lang, "triggers.tsv")]
    assert len(forms) == len(set(forms))


@pytest.mark.parametrize("lang, form", [("en", "bilateral"), ("id", "bilateral"), ("id", "hubungan bilateral")])
def test_bilateral_is_a_modifier_not_a_trigger(lang, form):
    assert form not in {r["form"] for r in read_tsv(lang, "triggers.tsv")}


# ------------------------------------------------------------------ English
def test_cameo_phrase_paid_a_visit_is_a_visit_that_occurred(reader):
    facts, _, events = reader("Japanese Prime Minister Fumio Kishida paid a visit to Jakarta on Sunday.", "en",
                              published="2023-06-05")
    assert trigger_texts(facts, "Visit") == ["paid a visit"]
    visits = only(events, "Visit")
    assert len(visits) == 1
    assert visits[0]["participants"] == ["Fumio Kishida"]
    assert (visits[0]["location"], visits[0]["status"]) == ("Jakarta", "Occurred")
    assert {e["type"] for e in events} == {"Visit"}


def test_cameo_phrase_talked_with_is_a_meeting(reader):
    facts, _, events = reader("President Joe Biden talked with Chinese President Xi Jinping in Bali on Monday.",
                              "en", published="2022-11-15")
    assert trigger_texts(facts, "Meeting") == ["talked with"]
    meetings = only(events, "Meeting")
    assert len(meetings) == 1 and meetings[0]["participants"] == ["Joe Biden", "Xi Jinping"]


def test_cameo_light_verb_held_a_meeting_is_a_meeting(reader):
    facts, _, events = reader("Indonesian President Prabowo Subianto held a meeting with Chinese President "
                              "Xi Jinping in Beijing on Saturday.", "en", published="2024-11-10")
    assert trigger_texts(facts, "Meeting") == ["held a meeting"]
    meetings = only(events, "Meeting")
    assert len(meetings) == 1
    assert meetings[0]["participants"] == ["Prabowo Subianto", "Xi Jinping"]
    assert (meetings[0]["location"], meetings[0]["status"]) == ("Beijing", "Occurred")


def test_inflection_traveling_to_is_a_planned_visit(reader):
    _, _, events = reader("Indonesian Foreign Minister Retno Marsudi will be traveling to Tokyo next week.", "en")
    visits = only(events, "Visit")
    assert len(visits) == 1
    assert visits[0]["participants"] == ["Retno Marsudi"]
    assert (visits[0]["location"], visits[0]["status"]) == ("Tokyo", "Planned")


def test_summit_talks_of_two_leaders_are_a_meeting_not_a_summit(reader):
    _, _, events = reader("US President Joe Biden and Chinese President Xi Jinping held summit talks in "
                          "San Francisco on Wednesday.", "en", published="2023-11-16")
    assert only(events, "Summit") == []
    assert only(events, "Meeting")[0]["participants"] == ["Joe Biden", "Xi Jinping"]


def test_ftas_are_partnerships(reader):
    _, _, events = reader("The FTAs between Indonesia and Australia took effect on Monday.", "en")
    parts = only(events, "Partnership")
    assert parts and parts[0]["participants"] == ["Australia", "Indonesia"]


def test_naming_with_called_is_no_meeting(reader):
    _, _, events = reader("Prime Minister Tony Blair called Gordon Brown a great chancellor on Monday.", "en")
    assert only(events, "Meeting") == []


# ------------------------------------------------------------------ Indonesian
def test_light_verb_melakukan_pertemuan_bilateral_is_a_meeting(reader):
    facts, _, events = reader("Menteri Luar Negeri Retno Marsudi melakukan pertemuan bilateral dengan Menteri Luar "
                              "Negeri Australia Penny Wong di Jakarta, Selasa (6/6/2023).", "id")
    assert trigger_texts(facts, "Meeting") == ["melakukan pertemuan bilateral"]
    meetings = only(events, "Meeting")
    assert len(meetings) == 1
    assert meetings[0]["participants"] == ["Penny Wong", "Retno Marsudi"]
    assert meetings[0]["location"] == "Jakarta"


def test_light_verb_melakukan_kunjungan_kerja_is_a_visit(reader):
    facts, _, events = reader("Presiden Joko Widodo melakukan kunjungan kerja ke Tokyo, Jepang, pada Senin "
                              "(5/6/2023).", "id")
    assert set(trigger_texts(facts, "Visit")) == {"melakukan kunjungan kerja"}
    visits = only(events, "Visit")
    assert len(visits) == 1
    assert visits[0]["participants"] == ["Joko Widodo"] and visits[0]["location"] == "Tokyo"


def test_nominal_perjalanan_ke_is_a_visit_to_the_place_after_it(reader):
    _, _, events = reader("Presiden Prabowo Subianto memulai perjalanan ke Moskow pada Senin (5/6/2023).", "id")
    visits = only(events, "Visit")
    assert visits and visits[0]["participants"] == ["Prabowo Subianto"]
    assert visits[0]["location"] == "Moscow"


@pytest.mark.parametrize("verb", ["meneken", "menandatangani"])
def test_signing_verbs_make_a_partnership(reader, verb):
    _, _, events = reader(f"Indonesia dan Jepang {verb} dokumen kerja sama pertahanan di Tokyo, Senin (5/6/2023).",
                          "id")
    parts = only(events, "Partnership")
    assert len(parts) == 1 and parts[0]["participants"] == ["Indonesia", "Japan"]


def test_diteken_passive_signing_is_a_partnership(reader):
    _, _, events = reader("Nota kesepahaman itu diteken Indonesia dan Jepang di Tokyo, Senin (5/6/2023).", "id")
    assert only(events, "Partnership")[0]["participants"] == ["Indonesia", "Japan"]


def test_hubungan_bilateral_is_no_meeting(reader):
    text = ("Presiden Joko Widodo dan Perdana Menteri Jepang Fumio Kishida ingin meningkatkan hubungan bilateral "
            "kedua negara.")
    _, _, events = reader(text, "id")
    assert only(events, "Meeting") == []
