"""Events read from short news texts written for these tests (both languages)."""
import pytest


def only(events, kind):
    return [e for e in events if e["type"] == kind]


@pytest.mark.parametrize("lang, text, parties, place, status", [
    ("id", "Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Australia Penny Wong di Jakarta, "
           "Selasa (6/6/2023).", ["Penny Wong", "Retno Marsudi"], "Jakarta", "Occurred"),
    ("id", "Presiden Joko Widodo dijadwalkan bertemu Perdana Menteri Jepang Fumio Kishida di Tokyo pekan depan.",
     ["Fumio Kishida", "Joko Widodo"], "Tokyo", "Planned"),
    ("en", "President Joe Biden met Chinese President Xi Jinping in Bali on Monday, the White House said.",
     ["Joe Biden", "Xi Jinping"], "Bali", "Occurred"),
    ("en", "Prime Minister Anthony Albanese will hold talks with Indonesian President Prabowo Subianto in "
           "Canberra next week.", ["Anthony Albanese", "Prabowo Subianto"], "Canberra", "Planned"),
])
def test_meetings_with_parties_place_and_status(reader, lang, text, parties, place, status):
    _, _, events = reader(text, lang)
    meetings = only(events, "Meeting")
    assert len(meetings) == 1
    assert meetings[0]["participants"] == parties
    assert meetings[0]["location"] == place
    assert meetings[0]["status"] == status


def test_weekday_with_date_resolves_against_publication(reader):
    _, _, events = reader("Menlu Retno Marsudi bertemu Menlu Australia Penny Wong di Jakarta, Selasa (6/6).",
                          "id", published="2023-06-07")
    assert only(events, "Meeting")[0]["date"] == "2023-06-06"


def test_one_side_meeting_several_others_gives_bilateral_meetings(reader):
    text = ("Prime Minister Shehbaz Sharif met Russian President Vladimir Putin, Turkish President "
            "Recep Tayyip Erdogan and Iranian President Ebrahim Raisi on Thursday.")
    _, _, events = reader(text, "en", published="2022-09-16")
    pairs = sorted(tuple(e["participants"]) for e in only(events, "Meeting"))
    assert len(pairs) == 3
    assert all("Shehbaz Sharif" in p for p in pairs)


def test_pronoun_subject_stands_for_the_sentence_topic(reader):
    text = ("Prime Minister Shehbaz Sharif arrived in Samarkand on Thursday. "
            "He met Chinese President Xi Jinping on Friday.")
    _, _, events = reader(text, "en", published="2022-09-16")
    assert only(events, "Meeting")[0]["participants"] == ["Shehbaz Sharif", "Xi Jinping"]


def test_negated_meeting_is_not_an_event(reader):
    _, _, events = reader("Presiden Joko Widodo batal bertemu Presiden Rusia Vladimir Putin di Moskow.", "id")
    assert only(events, "Meeting") == []


def test_summit_with_organizer_place_and_its_sideline_meeting(reader):
    text = ("Presiden Joko Widodo bertemu Perdana Menteri India Narendra Modi di sela KTT G20 di Bali, "
            "Selasa (15/11/2022).")
    _, _, events = reader(text, "id", published="2022-11-16")
    summit = only(events, "Summit")[0]
    meeting = only(events, "Meeting")[0]
    assert summit["organizer"] == "G20" and summit["location"] == "Bali"
    assert meeting["part_of"] is not None
    assert meeting["location"] == "Bali"


def test_visit_goes_to_the_destination_not_the_origin(reader):
    text = "Japanese Prime Minister Fumio Kishida arrived in Jakarta on Sunday for a three-day visit."
    _, _, events = reader(text, "en", published="2023-06-05")
    visits = only(events, "Visit")
    assert len(visits) == 1
    assert visits[0]["participants"] == ["Fumio Kishida"] and visits[0]["location"] == "Jakarta"


def test_anaphoric_visit_takes_place_and_time_of_the_event_before(reader):
    text = ("Presiden Xi Jinping dijadwalkan bertemu Presiden Rusia Vladimir Putin di Samarkand pada Rabu (14/9).\n\n"
            "Kunjungan ini menjadi perjalanan pertama Xi Jinping setelah pandemi.")
    _, _, events = reader(text, "id", published="2022-09-12")
    visit = only(events, "Visit")[0]
    assert visit["participants"] == ["Xi Jinping"]
    assert (visit["location"], visit["date"], visit["status"]) == ("Samarkand", "2022-09-14", "Planned")


@pytest.mark.parametrize("lang, text", [
    ("id", "Kedua menteri menandatangani kemitraan strategis antara Indonesia dan Vietnam di Hanoi."),
    ("en", "Officials signed a free trade agreement between Indonesia and Vietnam in Hanoi."),
])
def test_partnership_parties_follow_between(reader, lang, text):
    _, _, events = reader(text, lang)
    assert only(events, "Partnership")[0]["participants"] == ["Indonesia", "Vietnam"]


def test_signing_leaders_stand_for_their_countries(reader):
    text = ("Chinese President Xi Jinping and his Tanzanian counterpart Jakaya Kikwete signed 16 agreements in "
            "Tanzania, a trade partner of China.")
    _, _, events = reader(text, "en", published="2013-03-25")
    assert only(events, "Partnership")[0]["participants"] == ["China", "Tanzania"]


def test_meeting_the_host_at_home_implies_a_visit(reader):
    text = "Presiden Prabowo Subianto bertemu Presiden Rusia Vladimir Putin di Moskow, Kamis (19/6/2025)."
    _, _, events = reader(text, "id", published="2025-06-20")
    visits = only(events, "Visit")
    assert [v["participants"] for v in visits] == [["Prabowo Subianto"]]
    assert visits[0]["location"] == "Moscow"


def test_events_carry_their_sentence_as_evidence(reader):
    facts, _, _ = reader("President Joe Biden met Chinese President Xi Jinping in Bali on Monday.", "en")
    ev = facts.events[0]
    text = facts.article.text
    assert all(text[s.start:s.end] == s.text for s in ev.evidence)
    assert "met Chinese President Xi Jinping" in ev.evidence[0].text


def test_event_keys_are_unique_when_implied_visits_are_added(reader):
    text = ("Presiden Prabowo Subianto bertemu Presiden Rusia Vladimir Putin di Moskow, Kamis (19/6/2025).\n\n"
            "Prabowo juga bertemu Perdana Menteri Rusia Mikhail Mishustin di Moskow.")
    facts, _, _ = reader(text, "id", published="2025-06-20")
    keys = [e.key for e in facts.events]
    assert len(keys) == len(set(keys)) and any(e.type == "Visit" for e in facts.events)


def test_travel_at_home_is_no_visit(reader):
    text = ("US President Joe Biden arrived in San Francisco on Tuesday, and Chinese President Xi Jinping "
            "arrived in San Francisco on Wednesday.")
    _, _, events = reader(text, "en", published="2023-11-15")
    assert [v["participants"] for v in only(events, "Visit")] == [["Xi Jinping"]]


def test_summit_attended_only_as_a_body_lists_the_body(reader):
    _, _, events = reader("KTT ASEAN ke-47 resmi dibuka di Kuala Lumpur, Minggu (26/10/2025).", "id",
                          published="2025-10-26")
    summit = only(events, "Summit")[0]
    assert summit["organizer"] == summit["participants"][0] == "Association of Southeast Asian Nations"
    assert summit["location"] == "Kuala Lumpur" and summit["date"] == "2025-10-26"


def test_venue_written_with_its_country_implies_the_visit(reader):
    text = ("Presiden Prabowo Subianto bertemu dengan Presiden Rusia Vladimir Putin di Istana Marmer, "
            "St. Petersburg, Rusia, Kamis (19/6/2025).")
    _, _, events = reader(text, "id", published="2025-06-20")
    assert [v["participants"] for v in only(events, "Visit")] == [["Prabowo Subianto"]]


def test_after_a_locative_preposition_a_venue_name_is_the_place(reader):
    text = ("President Joko Widodo met US President Joe Biden at the White House, Washington, on Monday. "
            "The White House said the talks went well.")
    facts, name, events = reader(text, "en", published="2023-11-14")
    assert only(events, "Meeting")[0]["location"] == "White House"


def test_unknown_name_before_a_place_list_still_gives_the_place(reader):
    text = ("Presiden Joko Widodo melakukan pertemuan bilateral dengan Presiden China Xi Jinping di "
            "Paviliun 7, Diaoyutai State Guesthouse, Beijing, Selasa (26/7/2022).")
    _, _, events = reader(text, "id", published="2022-07-27")
    assert only(events, "Meeting")[0]["location"] == "Diaoyutai State Guesthouse"


def test_visits_to_several_places_are_one_visit_each(reader):
    text = "Foreign Minister Sugiono made visits to Poland, Romania and Norway in October."
    _, _, events = reader(text, "en", published="2025-12-01")
    assert sorted(v["location"] for v in only(events, "Visit")) == ["Norway", "Poland", "Romania"]


def test_their_takes_the_parties_named_just_before(reader):
    text = ("Last year China and Vietnam marked 15 years since establishing their comprehensive strategic "
            "partnership, officials said.")
    _, _, events = reader(text, "en", published="2025-12-01")
    assert only(events, "Partnership")[0]["participants"] == ["China", "Vietnam"]


def test_someones_aide_is_not_that_someone(reader):
    text = "President Joko Widodo's chief of staff is visiting Poland this week."
    _, _, events = reader(text, "en", published="2025-12-01")
    assert all("Joko Widodo" not in v["participants"] for v in only(events, "Visit"))
