"""The tenant's letterhead on the documents customers receive: its name, address, contact lines,
the account transfers are paid to, and its logo. Set in the policy service, handed to the ledger
by `letterhead.changed`; both print it with `backoffice_domain.letters`."""

import base64
import binascii
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, Field, field_validator
from stdnum import iban as iban_number

from backoffice_domain.letters import Letterhead, check_logo

Line = Annotated[str, Field(min_length=1, max_length=120, pattern=r"^[^\x00-\x1f\x7f]*$")]
# A 256 KiB logo in base64, and a little room.
MAX_LOGO_TEXT = 350_000


class LetterheadSetting(BaseModel):
    model_config = {"extra": "forbid"}

    name: Line
    address_lines: list[Line] = Field(default=[], max_length=4)
    contact_lines: list[Line] = Field(default=[], max_length=6)
    iban: str | None = Field(
        default=None, max_length=42, description="The account customers pay transfers to"
    )
    logo_png: str | None = Field(
        default=None, max_length=MAX_LOGO_TEXT, description="The logo as a PNG, base64"
    )

    @field_validator("iban")
    @classmethod
    def _iban(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not iban_number.is_valid(value):
            raise ValueError("not a valid IBAN")
        return str(iban_number.compact(value))

    @field_validator("logo_png")
    @classmethod
    def _logo(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            check_logo(base64.b64decode(value, validate=True))
        except (binascii.Error, ValueError) as exc:
            raise ValueError(f"logo: {exc}") from exc
        return value


def letterhead_of(data: dict[str, Any] | None, fallback_name: str) -> Letterhead:
    """What documents print for a stored setting (`None`: the tenant set none yet, so only a
    name)."""
    if data is None:
        return Letterhead(name=fallback_name)
    setting = LetterheadSetting.model_construct(**data)  # checked when it was set
    contact = list(setting.contact_lines)
    if setting.iban:
        contact.append(f"IBAN {iban_number.format(setting.iban)}")
    return Letterhead(
        name=setting.name,
        address_lines=tuple(setting.address_lines),
        contact_lines=tuple(contact),
        logo_png=base64.b64decode(setting.logo_png) if setting.logo_png else None,
    )


def payment_account(data: dict[str, Any] | None) -> str | None:
    """The account transfers are paid to, as people read it (`NL91 ABNA 0417 1643 00`)."""
    iban = (data or {}).get("iban")
    return str(iban_number.format(iban)) if iban else None


def addressee(name: str, address: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The addressee block of a letter: the name, street and number, postcode and city (only
    the name when no address is known)."""
    if not address:
        return (name,)
    addition = address.get("house_number_addition")
    number = f"{address['house_number']} {addition}" if addition else str(address["house_number"])
    return (name, f"{address['street']} {number}", f"{address['postcode']}  {address['city']}")
