"""Minting concept ids (glossary/ids.py): readable slugs that do not end in a function word."""

from __future__ import annotations

import pytest

from glossary import concepts
from glossary.ids import is_valid_id
from glossary.ids import mint_id
from glossary.ids import slugify
from glossary.store import Store


def never(_: str) -> bool:
    return False


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        (  # cut at 48 characters, the cut stopped on "of"
            "Agreement on Trade-Related Aspects of Intellectual Property Rights",
            "agreement-on-trade-related-aspects",
        ),
        (  # several in a row: "... and the"
            "Approaches to the Governance of AI and the Responsible Use of Data",
            "approaches-to-the-governance-of-ai",
        ),
        ("Organisation for Economic Co-operation and Development", "organisation-for-economic-co-operation"),
        ("Friends of the", "friends"),  # a name that ends in them itself
        ("Digital Economy Steering Group", "digital-economy-steering-group"),  # inner ones stay
        ("Law of the Sea", "law-of-the-sea"),
    ],
)
def test_a_new_id_does_not_end_in_a_function_word(english: str, expected: str) -> None:
    assert mint_id(None, english, None, never) == expected
    assert len(expected) <= 48


def test_a_lone_function_word_is_still_an_id() -> None:
    assert slugify("The") == "the"


def test_a_taken_id_gets_a_number() -> None:
    taken = {"agreement-on-trade-related-aspects"}
    english = "Agreement on Trade-Related Aspects of Intellectual Property Rights"
    assert mint_id(None, english, None, taken.__contains__) == "agreement-on-trade-related-aspects-2"


def test_ids_minted_before_the_rule_stay_valid_and_unchanged(empty: Store) -> None:
    old = "agreement-on-trade-related-aspects-of"
    assert is_valid_id(old)
    trips = {"id": old, "en": "Agreement on TRIPS", "zh": "與貿易有關之智慧財產權協定"}
    concepts.create_concept(empty, trips, who="t")
    assert empty.get_concept(old).en == "Agreement on TRIPS"
    made = concepts.create_concept(
        empty, {"en": "Workshop on Capacity Building for Use of Digital Tools in SMEs"}, who="t"
    )
    assert made.id == "workshop-on-capacity-building-for-use"
