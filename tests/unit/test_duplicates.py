"""Possible duplicates: the reasons a person would give for "these two may be the same"."""

from dataclasses import replace
from datetime import date

import pytest

from policy_service.duplicates import Known, duplicate_reasons, normalised_name

JAN = Known(
    name="J. de Vries",
    date_of_birth=date(1990, 5, 17),
    email="jan@example.nl",
    iban="NL91ABNA0417164300",
    postcode="1012 LG",
    house_number=1,
    house_number_addition=None,
)
STRANGER = Known("P. Jansen", date(1970, 1, 1), "p@example.nl", None, "9999 ZZ", 5, "a")


@pytest.mark.parametrize(
    ("name", "same"),
    [("J. de Vries", "j de  vries"), ("Zoë Émile", "zoe emile"), ("O'Brien-Smit", "o brien smit")],
)
def test_names_compare_without_case_accents_or_punctuation(name: str, same: str) -> None:
    assert normalised_name(name) == normalised_name(same)


@pytest.mark.parametrize(
    ("other", "reasons"),
    [
        (STRANGER, []),
        (replace(STRANGER, iban="NL91ABNA0417164300"), ["same IBAN"]),
        (replace(STRANGER, email="JAN@example.NL"), ["same e-mail address"]),
        (
            replace(STRANGER, name="j de vries", date_of_birth=date(1990, 5, 17)),
            ["same name and date of birth"],
        ),
        (replace(STRANGER, name="j de vries"), []),
        (
            replace(
                STRANGER,
                name="Anna de Vries",
                postcode="1012 LG",
                house_number=1,
                house_number_addition=None,
            ),
            ["same surname at the same address"],
        ),
        (
            replace(STRANGER, name="Anna de Vries", postcode="1012 LG", house_number=1),
            [],
        ),  # another addition is another home
        (
            JAN,
            [
                "same IBAN",
                "same e-mail address",
                "same name and date of birth",
                "same surname at the same address",
            ],
        ),
    ],
)
def test_reasons(other: Known, reasons: list[str]) -> None:
    assert duplicate_reasons(JAN, other) == reasons
