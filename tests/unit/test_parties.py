"""Applicants and relations: Dutch postcodes normalised and checked where the country is NL,
IBANs checked with their check digits, dates of birth for persons, each error on its field."""

from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from backoffice_domain.parties import Party, dutch_postcode, valid_iban


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("1012 LG", "1012 LG"),
        ("1012lg", "1012 LG"),
        (" 9999 zz ", "9999 ZZ"),
        ("2511CV", "2511 CV"),
    ],
)
def test_dutch_postcodes_are_normalised(given: str, kept: str) -> None:
    assert dutch_postcode(given) == kept


@pytest.mark.parametrize("given", ["0123 AB", "123 AB", "12345 AB", "1012 L", "1012 SS", "AB 1012"])
def test_wrong_dutch_postcodes_are_refused(given: str) -> None:
    with pytest.raises(ValueError, match="Dutch postcode"):
        dutch_postcode(given)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"),
        ("nl91abna0417164300", "NL91ABNA0417164300"),
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
        ("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432"),
    ],
)
def test_ibans_are_checked_and_compacted(given: str, kept: str) -> None:
    assert valid_iban(given) == kept


@pytest.mark.parametrize(
    "given", ["NL91ABNA0417164301", "NL91ABNA041716430", "XX00 1234", "", "NL91 ABNA 0417 1643 0O"]
)
def test_wrong_ibans_are_refused(given: str) -> None:
    with pytest.raises(ValueError, match="IBAN"):
        valid_iban(given)


def person(**changes: Any) -> dict[str, Any]:
    return {
        "name": "J. de Vries",
        "date_of_birth": "1990-05-17",
        "email": "j@example.nl",
        "iban": "NL91ABNA0417164300",
        "address": {"street": "Damrak", "house_number": 1, "postcode": "1012lg", "city": "A"},
    } | changes


def failing_fields(data: dict[str, Any]) -> set[str]:
    with pytest.raises(ValidationError) as error:
        Party.model_validate(data)
    return {".".join(str(p) for p in e["loc"]) for e in error.value.errors()}


def test_a_valid_person_is_kept_normalised() -> None:
    party = Party.model_validate(person())
    assert party.address.postcode == "1012 LG" and party.address.country == "NL"


def test_each_error_names_its_field() -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    wrong = person(iban="NL00ABNA0417164300", date_of_birth=tomorrow, email="no-at-sign")
    wrong["address"] = {**wrong["address"], "postcode": "1012"}
    assert failing_fields(wrong) == {"iban", "date_of_birth", "email", "address.postcode"}


def test_a_person_needs_a_birth_date_an_organization_does_not() -> None:
    assert failing_fields(person(date_of_birth=None)) == {"date_of_birth"}
    organization = Party.model_validate(person(kind="organization", date_of_birth=None))
    assert organization.date_of_birth is None


def test_foreign_postcodes_are_kept_as_given() -> None:
    address = {
        "street": "Rue",
        "house_number": 3,
        "postcode": "75001",
        "city": "Paris",
        "country": "FR",
    }
    assert Party.model_validate(person(address=address)).address.postcode == "75001"
