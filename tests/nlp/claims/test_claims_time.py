"""When a claim was made: never a date that describes someone or something in the sentence."""

from __future__ import annotations

import newsgraph


def _claim_times(text: str) -> dict[str, str | None]:
    return {c.text: c.time for c in newsgraph.annotate(text, date="2016-01-10").records if c.kind == "claim"}


def test_a_date_in_a_relative_clause_does_not_date_the_claim():
    text = ("Ana Ruiz, the activist who founded the Lima Water Forum in 1991, has endorsed the mayor's plan "
            "for the river.")
    times = _claim_times(text)
    assert times and all(t is None or not t.startswith("1991") for t in times.values())


def test_the_date_of_the_statement_still_dates_it():
    text = "The mayor said on Tuesday that the plan would cut pollution by half."
    times = _claim_times(text)
    assert times and all(t == "2016-01-05" for t in times.values())


def test_a_date_closing_a_denied_noun_dates_the_denial_not_its_content():
    claims = {c.text: c for c in newsgraph.annotate("The water board denied the allegations on Tuesday.",
                                                    date="2016-01-10").records if c.kind == "claim"}
    assert list(claims) == ["the allegations"]
    assert claims["the allegations"].time == "2016-01-05"


def test_a_duration_closing_a_denied_noun_is_not_what_was_denied():
    texts = [c.text for c in newsgraph.annotate("The port authority had denied the spill for nearly two months.",
                                                date="2016-01-10").records if c.kind == "claim"]
    assert texts == ["the spill"]
