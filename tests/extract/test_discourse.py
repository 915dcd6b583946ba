"""Arguments across sentences, one event per listed item, and who is a party: texts written for these tests."""
from newskg import KnowledgeGraph


def only(events, kind):
    return [e for e in events if e["type"] == kind]


def test_meeting_during_a_visit_takes_the_visits_place_and_day(reader):
    text = ("Prime Minister Anthony Albanese flew to Tokyo on Monday for a two-day visit. "
            "Albanese will also meet Japanese Prime Minister Fumio Kishida.")
    _, _, events = reader(text, "en", published="2023-06-06")
    meeting = only(events, "Meeting")[0]
    assert meeting["participants"] == ["Anthony Albanese", "Fumio Kishida"]
    assert meeting["location"] == "Tokyo"
    assert meeting["date"] == only(events, "Visit")[0]["date"] == "2023-06-05"


def test_meeting_told_later_within_the_summits_days_is_part_of_it(reader):
    text = ("Leaders gathered for the G20 summit in Bali on Tuesday. "
            "On Wednesday, Prime Minister Narendra Modi met French President Emmanuel Macron.")
    _, _, events = reader(text, "en", published="2022-11-17")
    summit = only(events, "Summit")[0]
    meeting = only(events, "Meeting")[0]
    assert meeting["part_of"] is not None
    assert meeting["location"] == "Bali" and meeting["date"] == "2022-11-16"
    assert {"Narendra Modi", "Emmanuel Macron"} <= set(summit["participants"])


def test_meeting_long_after_a_summit_is_not_part_of_it(reader):
    text = ("Leaders gathered for the G20 summit in Bali in November 2022. "
            "In March 2023, Prime Minister Narendra Modi met French President Emmanuel Macron.")
    _, _, events = reader(text, "en", published="2023-03-20")
    meeting = only(events, "Meeting")[0]
    assert meeting["part_of"] is None and meeting["location"] is None


def test_pronoun_refers_to_the_subject_not_the_person_just_met(reader):
    text = ("Prime Minister Shehbaz Sharif met Azerbaijani President Ilham Aliyev on Friday. "
            "He also met Turkish President Recep Tayyip Erdogan.")
    _, _, events = reader(text, "en", published="2022-09-17")
    pairs = sorted(tuple(e["participants"]) for e in only(events, "Meeting"))
    assert pairs == [("Ilham Aliyev", "Shehbaz Sharif"), ("Recep Tayyip Erdoğan", "Shehbaz Sharif")]


def test_a_countrys_possessive_is_not_another_party(reader):
    text = "Prime Minister Shehbaz Sharif met Iran's Ebrahim Raisi and India's Narendra Modi on Thursday."
    _, _, events = reader(text, "en", published="2022-09-16")
    people = {p for e in only(events, "Meeting") for p in e["participants"]}
    assert people == {"Shehbaz Sharif", "Ebrahim Raisi", "Narendra Modi"}


def test_a_leaders_own_country_is_not_a_second_party(reader):
    text = ("Chinese President Xi Jinping said on Monday that he would raise trade in his meeting with "
            "China's partners, and that the talks with China were useful.")
    _, _, events = reader(text, "en", published="2023-06-06")
    assert not any(set(e["participants"]) == {"Xi Jinping", "China"} for e in events)


LISTED = ("Indonesia dan Jepang menandatangani sejumlah kesepakatan kerja sama di Tokyo, Senin (5/6/2023). "
          "Kesepakatan yang ditandatangani yaitu:\n"
          "1. Memorandum Saling Pengertian tentang Kerja Sama Energi;\n"
          "2. Memorandum Saling Pengertian tentang Kerja Sama Perikanan; dan\n"
          "3. Perjanjian tentang Pembebasan Visa.\n"
          "Kedua negara juga membahas isu regional.")


def test_each_listed_agreement_is_its_own_partnership(reader):
    facts, _, events = reader(LISTED, "id", published="2023-06-06")
    deals = only(events, "Partnership")
    assert len(deals) == 3
    assert all(d["participants"] == ["Indonesia", "Japan"] and d["date"] == "2023-06-05" for d in deals)
    assert all(d["location"] is None for d in deals)       # an agreement has no place of its own
    kinds = [v.qualifier for v in facts.events if v.type == "Partnership"]
    assert kinds == ["Memorandum Saling Pengertian tentang Kerja Sama Energi",
                     "Memorandum Saling Pengertian tentang Kerja Sama Perikanan",
                     "Perjanjian tentang Pembebasan Visa"]


def test_listed_agreements_stay_apart_in_the_graph():
    kg = KnowledgeGraph(store="memory")
    kg.add_article(LISTED, lang="id", published="2023-06-06", id="listed")
    rows = kg.query("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <https://w3id.org/newskg/ontology#Partnership> }")
    assert int(list(rows)[0]["n"]) == 3
    kg.close()


def test_receiving_a_visit_is_a_meeting_with_the_guest(reader):
    text = ("Presiden Joko Widodo menerima kunjungan kehormatan Perdana Menteri Jepang Fumio Kishida "
            "di Istana Merdeka, Jakarta, Senin (5/6/2023).")
    _, _, events = reader(text, "id", published="2023-06-06")
    meeting = only(events, "Meeting")[0]
    assert meeting["participants"] == ["Fumio Kishida", "Joko Widodo"]


def test_the_reporting_source_is_not_a_party(reader):
    text = ("Prime Minister Anthony Albanese met Prime Minister Fumio Kishida on Monday, "
            "Foreign Minister Penny Wong said.")
    _, _, events = reader(text, "en", published="2023-06-06")
    assert [e["participants"] for e in only(events, "Meeting")] == [["Anthony Albanese", "Fumio Kishida"]]
    text = "Menurut Menteri Luar Negeri Retno Marsudi, pertemuan Jokowi dengan Fumio Kishida berlangsung hangat."
    _, _, events = reader(text, "id", published="2023-06-06")
    assert all("Retno Marsudi" not in e["participants"] for e in events)


def test_a_place_before_a_visit_noun_is_the_destination_and_his_refers_forward(reader):
    text = "Ahead of his Bali visit, Prime Minister Narendra Modi said India would host the G20 next year."
    _, _, events = reader(text, "en", published="2022-11-14")
    visits = only(events, "Visit")
    assert [(v["participants"], v["location"]) for v in visits] == [(["Narendra Modi"], "Bali")]


def test_a_country_told_with_a_visit_noun_is_not_the_visitor(reader):
    text = "Prime Minister Fumio Kishida left Tokyo on Sunday. Vietnam is Kishida's first stop on a regional tour."
    _, _, events = reader(text, "en", published="2023-06-05")
    assert all(v["participants"] != ["Vietnam"] for v in only(events, "Visit"))


def test_told_as_coming_and_as_done_the_day_decides(reader):
    text = ("Prime Minister Anthony Albanese was expected to meet Prime Minister Fumio Kishida in Tokyo. "
            "Albanese met Kishida in Tokyo on Monday, officials said.")
    _, _, events = reader(text, "en", published="2023-06-07")
    assert [m["status"] for m in only(events, "Meeting")] == ["Occurred"]


def test_a_place_owning_a_noun_after_a_clause_is_not_the_events_place(reader):
    text = ("In a move that highlighted Beijing's pragmatic approach, Prime Minister Anthony Albanese "
            "met Prime Minister Fumio Kishida on Monday.")
    _, _, events = reader(text, "en", published="2023-06-06")
    assert only(events, "Meeting")[0]["location"] is None
    text = "Prime Minister Shehbaz Sharif met President Xi Jinping in Uzbekistan's historic city of Samarkand."
    _, _, events = reader(text, "en", published="2022-09-16")
    assert only(events, "Meeting")[0]["location"] == "Samarkand"


def test_a_list_goes_on_past_a_description_and_names_the_people_not_their_countries(reader):
    text = ("Putin met Turkish President Tayyip Erdogan and the presidents of Azerbaijan and Mongolia, "
            "Ilham Aliyev and Ukhnaagiin Khurelsukh.")
    _, _, events = reader(text, "en", published="2024-07-04")
    others = sorted(p for e in only(events, "Meeting") for p in e["participants"] if p != "Vladimir Putin")
    assert others == ["Ilham Aliyev", "Recep Tayyip Erdoğan", "Ukhnaagiin Khurelsukh"]


def test_invited_offered_and_wished_events_are_not_events_but_accepted_invitations_are(reader):
    text = "Presiden Joko Widodo mengundang Perdana Menteri Fumio Kishida untuk berkunjung ke Jakarta tahun depan."
    _, _, events = reader(text, "id", published="2023-06-06")
    assert only(events, "Visit") == []
    text = "Presiden Joko Widodo ingin bertemu Perdana Menteri Fumio Kishida di Tokyo."
    _, _, events = reader(text, "id", published="2023-06-06")
    assert only(events, "Meeting") == []
    text = "Prime Minister Fumio Kishida accepted an invitation to visit Jakarta next year."
    _, _, events = reader(text, "en", published="2023-06-06")
    visits = only(events, "Visit")
    assert [(v["participants"], v["location"], v["status"]) for v in visits] == [(["Fumio Kishida"], "Jakarta", "Planned")]


def test_a_date_after_since_is_no_event_date(reader):
    text = "Prime Minister Narendra Modi and Sheikh Hasina have met each other ten times since 2019."
    _, _, events = reader(text, "en", published="2024-06-22")
    assert [m["date"] for m in only(events, "Meeting")] == [None]


def test_the_visit_told_again_keeps_its_visitor(reader):
    text = ("President Recep Tayyip Erdogan made his first visit to Egypt on Wednesday. "
            "President Abdel Fattah al-Sisi said the visit caps years of diplomatic efforts.")
    _, _, events = reader(text, "en", published="2024-02-15")
    assert [v["participants"] for v in only(events, "Visit")] == [["Recep Tayyip Erdoğan"]]


def test_a_trigger_ending_in_its_preposition_goes_to_the_place_after_it(reader):
    text = "President Xi Jinping spoke at the White House on Tuesday before heading to San Francisco."
    _, _, events = reader(text, "en", published="2023-11-14")
    assert [v["location"] for v in only(events, "Visit")] == ["San Francisco"]


def test_an_undated_meeting_right_after_a_sideline_meeting_continues_its_frame(reader):
    text = ("Prime Minister Shehbaz Sharif met Chinese President Xi Jinping on Thursday on the sidelines of "
            "the SCO summit in Samarkand. He also met with the president of Tajikistan.")
    _, _, events = reader(text, "en", published="2022-09-16")
    later = [m for m in only(events, "Meeting") if "Tajikistan" in m["participants"]]
    assert [(m["location"], m["date"]) for m in later] == [("Samarkand", "2022-09-15")]
    assert later[0]["part_of"] is not None


def test_the_organiser_attends_only_when_named_as_a_body(reader):
    text = "President Joe Biden and President Xi Jinping attended the APEC summit in San Francisco on Wednesday."
    _, _, events = reader(text, "en", published="2023-11-16")
    summit = only(events, "Summit")[0]
    assert summit["organizer"] == "Asia-Pacific Economic Cooperation"
    assert "Asia-Pacific Economic Cooperation" not in summit["participants"]
    text = "Para pemimpin ASEAN dan Presiden Joe Biden menghadiri KTT ASEAN di Jakarta, Rabu (6/9/2023)."
    _, _, events = reader(text, "id", published="2023-09-07")
    assert "Association of Southeast Asian Nations" in only(events, "Summit")[0]["participants"]


def test_two_leaders_arriving_are_two_visits(reader):
    text = ("President Joe Biden and his Chinese counterpart Xi Jinping arrived in Jakarta on Tuesday "
            "on the eve of an eagerly awaited meeting between the two leaders.")
    _, _, events = reader(text, "en", published="2023-11-15")
    assert sorted(v["participants"][0] for v in only(events, "Visit")) == ["Joe Biden", "Xi Jinping"]
    assert [m["participants"] for m in only(events, "Meeting")] == [["Joe Biden", "Xi Jinping"]]


def test_a_date_between_two_triggers_goes_to_the_nearer(reader):
    text = "President Xi Jinping arrived in Bali on Sunday ahead of the G20 summit."
    _, _, events = reader(text, "en", published="2022-11-14")
    assert [v["date"] for v in only(events, "Visit")] == ["2022-11-13"]
    assert [s["date"] for s in only(events, "Summit")] == ["2022-11"]   # the month of its parts, not Sunday


def test_a_passive_meeting_verb_takes_its_agent_after_by(reader):
    text = ("Kedatangan Presiden Prabowo di Gedung Putih, Washington, disambut dengan penuh kehormatan "
            "oleh Presiden Amerika Serikat, Joe Biden, melalui upacara kenegaraan.")
    _, _, events = reader(text, "id", published="2024-11-13")
    assert [m["participants"] for m in only(events, "Meeting")] == [["Joe Biden", "Prabowo Subianto"]]


def test_leaders_signing_together_met(reader):
    text = ("Presiden Joko Widodo bersama Perdana Menteri Jepang Fumio Kishida menyaksikan penandatanganan "
            "nota kesepahaman antara Indonesia dan Jepang di Tokyo, Senin (5/6/2023).")
    _, _, events = reader(text, "id", published="2023-06-06")
    assert [m["participants"] for m in only(events, "Meeting")] == [["Fumio Kishida", "Joko Widodo"]]
    assert [p["participants"] for p in only(events, "Partnership")] == [["Indonesia", "Japan"]]


def test_arriving_somewhere_from_elsewhere_goes_to_the_first(reader):
    text = "President Xi Jinping arrived in Tanzania from Moscow on Sunday."
    _, _, events = reader(text, "en", published="2013-03-25")
    assert [v["location"] for v in only(events, "Visit")] == ["Tanzania"]


def test_a_meeting_with_another_countrys_leader_is_no_part_of_the_visit_before(reader):
    text = ("President Xi Jinping arrived in Tanzania on Sunday. "
            "Xi will also meet South African President Jacob Zuma.")
    _, _, events = reader(text, "en", published="2013-03-25")
    assert [m["location"] for m in only(events, "Meeting")] == [None]


def test_a_visit_no_clause_places_is_no_event_and_one_trip_over_days_is_one_visit(reader):
    text = "Your visit in the middle of the pandemic shows the importance of our partnership, Widodo told Pompeo."
    _, _, events = reader(text, "en", published="2020-10-30")
    assert only(events, "Visit") == []
    text = ("President Abdel Fattah al-Sisi on Sunday began a three-day state visit to France. "
            "The centrepiece of the visit will be talks with President Emmanuel Macron in Paris on Monday.")
    _, _, events = reader(text, "en", published="2020-12-06")
    assert len(only(events, "Visit")) == 1


def test_a_visit_noun_without_a_named_visitor_guesses_none(reader):
    text = ("Prime Minister Anthony Albanese welcomed the delegation in Canberra on Monday. "
            "An official trip to Russia in March was also discussed.")
    _, _, events = reader(text, "en", published="2023-08-22")
    assert only(events, "Visit") == []


def test_declarations_memberships_and_an_alliance_by_name_are_no_partnerships(reader):
    text = ("Para pemimpin ASEAN menandatangani Deklarasi Penerimaan Timor-Leste sebagai anggota ASEAN "
            "di Kuala Lumpur, Minggu (26/10/2025).")
    _, _, events = reader(text, "id", published="2025-10-27")
    assert only(events, "Partnership") == []
    text = "Tiongkok dan Rusia menyebut SCO sebagai alternatif terhadap aliansi militer NATO."
    _, _, events = reader(text, "id", published="2025-09-01")
    assert only(events, "Partnership") == []
    text = "China and ASEAN signed an agreement on trade in Manila on Monday."
    _, _, events = reader(text, "en", published="2017-08-08")
    assert [p["participants"] for p in only(events, "Partnership")] == [["Association of Southeast Asian Nations", "China"]]


def test_a_title_with_its_country_and_no_name_is_the_office_holder(reader):
    text = ("Retno membahas rencana kunjungan Perdana Menteri Australia Malcolm Turnbull ke Indonesia. "
            "\"Perdana Menteri Australia yang baru akan berkunjung ke Indonesia dalam waktu dekat,\" ucap Retno.")
    _, _, events = reader(text, "id", published="2015-10-24")
    assert [v["participants"] for v in only(events, "Visit")] == [["Malcolm Turnbull"]]


def test_a_second_group_of_destinations_gets_its_own_date(reader):
    text = ("Kang Hoon-sik's latest trip follows his earlier visits to Poland, Romania and Norway in October "
            "and to the United Arab Emirates and Saudi Arabia in November.")
    _, _, events = reader(text, "en", published="2025-12-29")
    got = sorted((v["location"], v["date"]) for v in only(events, "Visit"))
    assert ("Saudi Arabia", "2025-11") in got and ("United Arab Emirates", "2025-11") in got
    assert ("Norway", "2025-10") in got


def test_a_meeting_with_a_country_is_the_meeting_with_its_leader_told_beside_it(reader):
    text = ("President Joko Widodo will meet Chinese President Xi Jinping in Beijing on Tuesday. "
            "\"We will raise trade in our meeting with China,\" Widodo said.")
    _, _, events = reader(text, "en", published="2023-10-16")
    assert [m["participants"] for m in only(events, "Meeting")] == [["Joko Widodo", "Xi Jinping"]]
