"""A person or organisation as an application or relation names them: name, address with a Dutch
postcode checked and normalised where the country is NL, date of birth, e-mail, IBAN checked
with python-stdnum. Each check fails on its own field, so a 422 names it."""

import re
import unicodedata
from datetime import date
from typing import ClassVar, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator
from stdnum import iban as iban_number
from stdnum.exceptions import ValidationError as NumberError

EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
POSTCODE_NL = re.compile(r"^([1-9][0-9]{3}) ?([A-Za-z]{2})$")
# Letter pairs PostNL never hands out.
UNUSED_LETTERS = {"SA", "SD", "SS"}


def dutch_postcode(value: str) -> str:
    """`1234ab` → `1234 AB`; ValueError if it is not a Dutch postcode."""
    found = POSTCODE_NL.match(value.strip())
    if not found or found.group(2).upper() in UNUSED_LETTERS:
        raise ValueError("not a Dutch postcode (1234 AB)")
    return f"{found.group(1)} {found.group(2).upper()}"


def postcode_as_stored(value: str) -> str:
    """A postcode to search by, as addresses keep it: Dutch ones normalised, others trimmed."""
    try:
        return dutch_postcode(value)
    except ValueError:
        return value.strip()


def normalised_name(name: str) -> str:
    """`J. de Vries` and `j de  vries` are the same name: accents, case, punctuation ignored."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", plain.lower()).split())


def valid_iban(value: str) -> str:
    """The IBAN in its compact form; ValueError if its country format or check digits fail."""
    try:
        return str(iban_number.validate(value))
    except NumberError as exc:
        raise ValueError("not a valid IBAN") from exc


class Address(BaseModel):
    # Country first: the postcode check depends on it.
    country: str = Field(default="NL", pattern=r"^[A-Z]{2}$")
    street: str = Field(min_length=1, max_length=200)
    house_number: int = Field(ge=1, le=99999)
    house_number_addition: str | None = Field(default=None, max_length=10)
    postcode: str = Field(min_length=1, max_length=20)
    city: str = Field(min_length=1, max_length=100)

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("country", "NL") == "NL":
            return dutch_postcode(value)
        return value.strip()


class PartyDetails(BaseModel):
    """What a relation may be known by; an applicant (`Party`) must give more."""

    birth_date_required: ClassVar[bool] = False

    kind: Literal["person", "organization"] = "person"
    name: str = Field(min_length=1, max_length=200)
    date_of_birth: date | None = Field(default=None, validate_default=True)
    email: str | None = Field(default=None, pattern=EMAIL, max_length=254)
    phone: str | None = Field(default=None, max_length=30)
    iban: str | None = Field(default=None, max_length=40)
    address: Address

    @field_validator("date_of_birth")
    @classmethod
    def _born(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is None:
            if cls.birth_date_required and info.data.get("kind") == "person":
                raise ValueError("required for a person")
            return None
        if value >= date.today():
            raise ValueError("must be in the past")
        return value

    @field_validator("iban")
    @classmethod
    def _iban(cls, value: str | None) -> str | None:
        return None if value is None else valid_iban(value)


class Party(PartyDetails):
    """An applicant: a person gives a date of birth, everyone an e-mail address."""

    birth_date_required: ClassVar[bool] = True

    email: str = Field(pattern=EMAIL, max_length=254)
