

def test_one_organisers_summit_at_a_venue_and_at_its_city_is_one_summit():
    from datetime import date
    from newskg.facts import PartialDate
    from newskg.resolve.events import EventReport, Places, match_score
    places = Places({"labuan-bajo": "indonesia"})
    venue = EventReport("Summit", organizer="asean", location="hotel-meruorah", date=PartialDate(2023, 5, 10),
                        published=date(2023, 5, 8))
    city = EventReport("Summit", organizer="asean", location="labuan-bajo", date=PartialDate(2023, 5, 9),
                       published=date(2023, 5, 9))
    later = EventReport("Summit", organizer="asean", location="jakarta", date=PartialDate(2023, 9, 5),
                        published=date(2023, 9, 5))
    assert match_score(venue, city, places) is not None
    assert match_score(later, city, places) is None
