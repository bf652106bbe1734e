"""Possible duplicates of a relation: the reasons a person would give for "these two may be the
same". Flagged, never merged automatically."""

from dataclasses import dataclass
from datetime import date

from backoffice_domain.parties import normalised_name


def surname(name: str) -> str:
    words = normalised_name(name).split()
    return words[-1] if words else ""


@dataclass(frozen=True)
class Known:
    """What duplicate detection looks at, of a new or a stored relation."""

    name: str
    date_of_birth: date | None
    email: str | None
    iban: str | None
    postcode: str
    house_number: int
    house_number_addition: str | None


def duplicate_reasons(new: Known, known: Known) -> list[str]:
    reasons = []
    if new.iban and new.iban == known.iban:
        reasons.append("same IBAN")
    if new.email and known.email and new.email.lower() == known.email.lower():
        reasons.append("same e-mail address")
    same_name = normalised_name(new.name) == normalised_name(known.name)
    if same_name and new.date_of_birth and new.date_of_birth == known.date_of_birth:
        reasons.append("same name and date of birth")
    same_address = (new.postcode, new.house_number, (new.house_number_addition or "").upper()) == (
        known.postcode,
        known.house_number,
        (known.house_number_addition or "").upper(),
    )
    if same_address and surname(new.name) == surname(known.name):
        reasons.append("same surname at the same address")
    return reasons
