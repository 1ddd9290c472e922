"""Field validation shared by every way data enters the glossary (``glossary.validate``)."""

from __future__ import annotations

import pytest

from glossary.errors import BadInput
from glossary.validate import check_choice
from glossary.validate import check_text


def test_tab_and_newline_are_allowed_and_the_value_is_stripped() -> None:
    assert check_text("  a\tb\nc ", "definition") == "a\tb\nc"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("a\rb", r"^terms\.csv: row 3: field 'zh' contains a control character \(U\+000D\)"),
        ("bell\x07", r"field 'zh' contains a control character \(U\+0007\)"),
        ("c1\x85", r"field 'zh' contains a control character \(U\+0085\)"),
        ("half \ud800", r"field 'zh' contains an unpaired surrogate"),
        (3, r"field 'zh' must be text, got int"),
    ],
)
def test_control_characters_surrogates_and_non_text_are_refused_by_place(value: object, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        check_text(value, "zh", "terms.csv: row 3")  # type: ignore[arg-type]


def test_a_required_field_may_not_be_blank() -> None:
    with pytest.raises(BadInput, match=r"^field 'en' is empty$"):
        check_text("  ", "en", required=True)


def test_a_choice_names_the_allowed_values() -> None:
    assert check_choice("org", "kind", ("term", "org")) == "org"
    with pytest.raises(BadInput, match=r"field 'kind' is 'thing'; expected one of term, org"):
        check_choice("thing", "kind", ("term", "org"))
