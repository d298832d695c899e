"""Places: toponyms found and resolved; the gazetteer tables; bad input."""

from __future__ import annotations

import csv
from importlib import resources

import pycountry
import pytest

from newsgraph.nlp.places import extract as places
from newsgraph.nlp.places.gazetteer import candidates, distance_km
from newsgraph.records import Article, Place


def _run(nlp, text: str, upstream=None) -> list[Place]:
    article = Article(id="p", text=text, date="2024-10-15", date_source="cli")
    return list(places.extract(nlp(text), article, upstream or {}))


def test_seed_donetsk_is_in_ukraine(seed_analysis):
    donetsk = [p for p in seed_analysis.records if p.kind == "place" and p.text == "Donetsk"]
    assert donetsk and donetsk[0].country == "UKR" and donetsk[0].geonameid == 709717


def test_seed_metonymic_capitals_are_marked(seed_analysis):
    seoul = [p for p in seed_analysis.records if p.kind == "place" and p.text == "Seoul"]
    assert seoul and all(p.metonymic for p in seoul)


def test_container_disambiguates(nlp):
    found = _run(nlp, "The fair was held in Paris, Texas, last week.")
    paris = [p for p in found if p.text == "Paris"][0]
    assert paris.country == "USA" and distance_km(paris.lat, paris.lon, 33.66, -95.55) < 50


def test_countries_in_play_disambiguate(nlp):
    found = _run(nlp, "Shelling hit Kharkiv in Ukraine. Later, officials in Odessa reported damage.")
    odessa = [p for p in found if p.text == "Odessa"]
    assert odessa and odessa[0].country == "UKR"


def test_unknown_place_is_kept_unresolved(nlp):
    found = _run(nlp, "Rebels entered Zqxvtown, a village in Mali.")
    for place in found:
        assert place.text in ("Zqxvtown", "Mali")
    unknown = [p for p in found if p.text == "Zqxvtown"]
    if unknown:
        assert unknown[0].geonameid is None and unknown[0].country is None


@pytest.mark.parametrize("text", [
    "PROTESTS IN PARIS, LONDON AND BERLIN SPREAD TO MADRID.",
    " ".join(["Kyiv"] * 500) + ".",
    ", ".join(f"Town{i}" for i in range(400)) + " and Lagos.",
    "",
])
def test_bad_input_never_crashes(nlp, text):
    for place in _run(nlp, text):
        assert text[place.start:place.end] == place.text


def test_gazetteer_has_what_the_packages_lack():
    assert any(c.feature == "continent" for c in candidates("Europe"))
    assert any(c.feature == "admin1" and c.country == "USA" for c in candidates("Texas"))
    assert any(c.country == "RUS" for c in candidates("Russian"))
    assert any(c.country == "UKR" for c in candidates("Donetsk"))


def test_places_extra_table_is_well_formed():
    text = resources.files("newsgraph.nlp.places").joinpath("data", "places_extra.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) > 100
    for row in rows:
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
        assert row["feature"] in ("continent", "country", "region", "admin1", "admin2", "landmark"), row
        assert not row["country"] or pycountry.countries.get(alpha_3=row["country"]), row
        assert not row["geonameid"] or row["geonameid"].isdigit(), row


def _gwn_file(tmp_path):
    text = "Troops moved from Kharkiv to Donetsk. Paris said nothing."
    tops = [("Kharkiv", "Literal", 50.0, 36.25, 706483), ("Donetsk", "Literal", 48.02, 37.8, 709717),
            ("Paris", "Metonymic", 48.85, 2.35, 2988507)]
    parts = []
    for name, kind, lat, lon, gid in tops:
        start = text.index(name)
        parts.append(f"<toponym><extractedName>{name}</extractedName><type>{kind}</type>"
                     f"<start>{start}</start><end>{start + len(name)}</end><geonamesID>{gid}</geonamesID>"
                     f"<latitude>{lat}</latitude><longitude>{lon}</longitude></toponym>")
    xml = (f'<?xml version="1.0" ?><articles><article file="0"><title>t</title><link/>'
           f"<text>{text}</text><toponyms>{''.join(parts)}</toponyms></article></articles>")
    path = tmp_path / "mini.xml"
    path.write_text(xml, "utf-8")
    return path


def test_eval_places_json_prints_one_object(tmp_path):
    import json

    from typer.testing import CliRunner

    from newsgraph.cli import app

    result = CliRunner().invoke(app, ["eval", "places", str(_gwn_file(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert {"acc161", "exact_id", "ceiling", "span_f1", "e2e_acc161"} <= set(scores)
    assert scores["acc161"] == 100.0 and scores["exact_id"] == 100.0
    assert all(0 <= scores[k] <= 100 for k in ("acc161", "exact_id", "ceiling", "span_f1", "e2e_acc161"))


def test_eval_places_missing_file_is_a_clear_error(tmp_path):
    from newsgraph.errors import EvaluationError
    from newsgraph.evaluate.places import read_gwn

    with pytest.raises(EvaluationError) as info:
        read_gwn(tmp_path / "absent.xml")
    assert info.value.code == "E501"


def test_world_city_beats_namesake_in_country_in_play(nlp):
    found = _run(nlp, "The American family flew from the United States to a hospital in Rome.")
    rome = [p for p in found if p.text == "Rome"]
    assert rome and rome[0].country == "ITA"


def test_town_in_named_state(nlp):
    found = _run(nlp, "Ranchers near Shelby met on Friday. Montana lawmakers promised new roads.")
    shelby = [p for p in found if p.text == "Shelby"]
    assert shelby and distance_km(shelby[0].lat, shelby[0].lon, 48.5, -111.86) < 50


def test_container_after_compass_words(nlp):
    found = _run(nlp, "A council worker from Brent, north west London, won the award.")
    brent = [p for p in found if p.text == "Brent"]
    assert brent and brent[0].country == "GBR"


def test_a_province_is_never_a_town_of_the_same_name():
    import newsgraph

    text = ("Argentina's army said on Monday that the new units would patrol remote valleys in Santa Cruz "
            "province. Chile asked for details.")
    (place,) = [r for r in newsgraph.annotate(text, date="2025-02-24").records
                if r.kind == "place" and r.text == "Santa Cruz"]
    assert place.feature != "city" and place.country != "CHL"  # not the Chilean town


# ---------------------------------------------------------------- not places (issue 23)

@pytest.mark.parametrize("text, absent", [
    ("Leaders of the G7 met in Rome on Friday.", "G7"),
    ("Finance ministers of the G20 met in Rome.", "G20"),
    ("Fires spread across the Golden State on Monday, officials in California said.", "Golden State"),
])
def test_clubs_figures_and_nicknames_are_not_places(nlp, text, absent):
    found = [p.text for p in _run(nlp, text)]
    assert absent not in found and any(p in found for p in ("Rome", "California"))


def test_a_surname_of_a_person_named_is_not_a_town():
    from newsgraph import api

    text = "The cosmonaut Anna Carballo retired in May. Carballo said she was tired of waiting."
    result = api.annotate(text, date="2024-10-15")
    assert not any(p.kind == "place" and p.text == "Carballo" for p in result.records)


# ---------------------------------------------------------------- literal or not (what a place is used for)

def _metonymic(nlp, text: str) -> dict[str, bool]:
    return {p.text: p.metonymic for p in _run(nlp, text)}


@pytest.mark.parametrize("text, name, metonymic", [
    ("ALBUQUERQUE, N.M. (AP) - Officials closed the road on Monday.", "ALBUQUERQUE", False),
    ("Bad weather hit the coast. SAN DIEGO (AP) - The Navy moved two ships on Monday.", "SAN DIEGO", False),
    ("A Kansas man won the lottery on Friday.", "Kansas", True),
    ("Several Ohio lawmakers voted against the bill.", "Ohio", True),
    ("Patrols were doubled along the Texas border on Monday.", "Texas", False),
    ("Trucks clogged Cairo's northern suburbs on Monday.", "Cairo", False),
    ("Lima's decision surprised its neighbours.", "Lima", True),
    ("The nerve agent was developed by the Soviet Union decades ago.", "Soviet Union", True),
    ("Ties between Peru and Chile have cooled since the vote.", "Peru", True),
    ("The minister urged Moldova to hold the vote on time.", "Moldova", True),
    ("The minister visited Moldova last week.", "Moldova", False),
])
def test_literal_and_non_literal_uses(nlp, text, name, metonymic):
    found = _metonymic(nlp, text)
    assert name in found and found[name] is metonymic


def test_an_event_is_not_placed_at_its_metonymic_actor():
    import newsgraph

    text = "Moscow accused Kyiv on Monday of shelling a market in Donetsk."
    events = [r for r in newsgraph.annotate(text, date="2024-10-15").records if r.kind == "event"]
    assert events and all(e.place in (None, "Donetsk") for e in events)


def test_a_named_facility_is_a_place_located_in_its_container(nlp):
    found = _run(nlp, "He was taken to the Santa Lucia Memorial Hospital in Rome on Monday.")
    hospital = [p for p in found if p.text == "Santa Lucia Memorial Hospital"]
    assert hospital and hospital[0].country == "ITA"
    assert distance_km(hospital[0].lat, hospital[0].lon, 41.89, 12.48) < 50


def test_a_month_is_no_container(nlp):
    found = _run(nlp, "The talks moved to the Ferrand Conference Hall in March.")
    hall = [p for p in found if p.text == "Ferrand Conference Hall"]
    assert hall and hall[0].country is None and hall[0].geonameid is None


@pytest.mark.parametrize("text, absent", [
    ("Crowds gathered outside mosques on weekends.", ("mosques", "weekends")),
    ("She stayed at a Hilton Garden Inn near Denver.", ("a Hilton Garden Inn",)),
])
def test_lower_case_words_and_articles_are_not_places(nlp, text, absent):
    found = [p.text for p in _run(nlp, text)]
    assert not set(absent) & set(found)
