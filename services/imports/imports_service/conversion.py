"""The conversion package: what the computing center hands in after converting a company's old
system (README, "Taking over a portfolio"; a complete small example in examples/conversion/).

A ZIP file with `manifest.json` and one file per kind, CSV (UTF-8, comma-separated, a header
row) or JSON Lines (one object a line), by the file's extension. The manifest names the source
system, the cut-off date and, per kind, the file, its number of rows and its control totals.
This module is the format alone, without any I/O: the manifest, one row model per kind, and
what each kind's control totals add up.
"""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from backoffice_domain.parties import dutch_postcode, normalised_name, valid_iban

FORMAT = "backoffice-conversion/1"
Kind = Literal[
    "relations", "policies", "debtor_items", "creditor_items", "opening_balances", "claims"
]
# In the order they are checked and loaded: what a kind refers to comes before it.
KINDS: tuple[Kind, ...] = (
    "relations",
    "policies",
    "debtor_items",
    "creditor_items",
    "opening_balances",
    "claims",
)
MAX_ROWS = 5_000_000  # per file: a large intermediary's whole history, not more

Money = Annotated[Decimal, Field(max_digits=14, decimal_places=2)]
Ref = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f\x7f]+$")]
Text = Annotated[str, Field(max_length=500, pattern=r"^[^\x00-\x08\x0b-\x1f\x7f]*$")]
ROLES = ("policyholder", "insured", "advisor", "intermediary", "insurer", "claimant", "payee")


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    # CSV cells holding a list (`a;b`) or a JSON object; JSON Lines give them as they are.
    list_fields: ClassVar[tuple[str, ...]] = ()
    json_fields: ClassVar[tuple[str, ...]] = ()

    @property
    def key(self) -> str:
        """What makes the row unique within its kind (a reference, a document number)."""
        raise NotImplementedError


class RelationRow(Row):
    """A relation of the old system, known there by `ref` (kept as its external reference)."""

    list_fields = ("roles",)
    ref: Ref
    kind: Literal["person", "organization"] = "person"
    name: str = Field(min_length=1, max_length=200)
    date_of_birth: date | None = None
    coc_number: str | None = Field(default=None, pattern=r"^[0-9]{8}$")
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)
    phone: str | None = Field(default=None, max_length=30)
    iban: str | None = Field(default=None, max_length=40)
    country: str = Field(default="NL", pattern=r"^[A-Z]{2}$")
    street: str = Field(min_length=1, max_length=200)
    house_number: int = Field(ge=1, le=99999)
    house_number_addition: str | None = Field(default=None, max_length=10)
    postcode: str = Field(min_length=1, max_length=20)
    city: str = Field(min_length=1, max_length=100)
    roles: list[Literal[ROLES]] = Field(min_length=1, max_length=len(ROLES))  # type: ignore[valid-type]
    advisor_ref: Ref | None = None

    @property
    def key(self) -> str:
        return self.ref

    @field_validator("date_of_birth")
    @classmethod
    def _born(cls, value: date | None) -> date | None:
        if value is not None and value >= date.today():
            raise ValueError("must be in the past")
        return value

    @field_validator("iban")
    @classmethod
    def _iban(cls, value: str | None) -> str | None:
        return None if value is None else valid_iban(value)

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("country", "NL") == "NL":
            return dutch_postcode(value)
        return value

    def identity(self) -> str | None:
        """Two rows with the same identity are the same relation: a person by name and date of
        birth, an organisation by its Chamber of Commerce number. (A shared IBAN or address is
        a household, not a duplicate.)"""
        if self.kind == "organization":
            return f"coc:{self.coc_number}" if self.coc_number else None
        if self.date_of_birth is None:
            return None
        return f"person:{normalised_name(self.name)}:{self.date_of_birth.isoformat()}"


class ImportedMandate(BaseModel):
    """The holder's SEPA mandate of the old system, kept by the ledger as given (its reference
    unique within the tenant)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)
    reference: str = Field(pattern=r"^[A-Za-z0-9+?/\-:().,' ]{1,35}$")
    signed_on: date
    iban: str = Field(min_length=1, max_length=40)
    kind: Literal["recurring", "one_off"] = "recurring"

    @field_validator("iban")
    @classmethod
    def _iban(cls, value: str) -> str:
        return valid_iban(value)


class PolicyRow(Row):
    """A running policy: its product version, cover, premium, how far the old system has
    invoiced it (`invoiced_until`: the first day not invoiced yet, so nothing is invoiced twice),
    and how the holder pays: by transfer, or by direct debit on the holder's mandate (`mandate`,
    or one the ledger gets otherwise)."""

    list_fields = ("coverages",)
    json_fields = ("risk", "mandate")
    ref: Ref
    holder_ref: Ref
    advisor_ref: Ref | None = None
    product_code: str = Field(min_length=1, max_length=40)
    product_version: int = Field(ge=1, le=2_147_483_647)
    start_date: date
    term_months: int = Field(default=12, ge=1, le=60)
    frequency: Literal["annual", "quarterly", "monthly"] = "annual"
    coverages: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(
        min_length=1, max_length=50
    )
    risk: dict[str, Any]
    annual_premium: Money = Field(ge=0)
    invoiced_until: date
    payment_method: Literal["direct_debit", "transfer"] = "transfer"
    mandate: ImportedMandate | None = None

    @property
    def key(self) -> str:
        return self.ref


class OpenItemRow(Row):
    """An open item of a current account: a debtor's (+ owed by the relation) or a creditor's
    (+ owed to the relation)."""

    document: Ref
    relation_ref: Ref
    policy_ref: Ref | None = None
    document_date: date | None = None
    due_date: date
    amount: Money
    description: Text | None = None

    @property
    def key(self) -> str:
        return self.document

    @field_validator("amount")
    @classmethod
    def _not_zero(cls, value: Decimal) -> Decimal:
        if value == 0:
            raise ValueError("an open item of 0.00 is not open")
        return value


class OpeningBalanceRow(Row):
    """An account's balance at the cut-off date, as a debit or a credit."""

    account: str = Field(min_length=1, max_length=20, pattern=r"^[0-9A-Za-z.\-]+$")
    debit: Money = Field(default=Decimal("0.00"), ge=0)
    credit: Money = Field(default=Decimal("0.00"), ge=0)

    @property
    def key(self) -> str:
        return self.account

    @property
    def balance(self) -> Decimal:
        """Debit minus credit, as the manifest states balances."""
        return self.debit - self.credit


class ClaimRow(Row):
    """An open claim on a policy of the package (or one imported before)."""

    ref: Ref
    policy_ref: Ref
    loss_date: date
    cause: str = Field(min_length=1, max_length=60)
    description: Text = ""
    reserve: Money = Field(ge=0)
    paid_to_date: Money = Field(default=Decimal("0.00"), ge=0)
    claimant_ref: Ref | None = None

    @property
    def key(self) -> str:
        return self.ref


ROW_MODELS: dict[Kind, type[Row]] = {
    "relations": RelationRow,
    "policies": PolicyRow,
    "debtor_items": OpenItemRow,
    "creditor_items": OpenItemRow,
    "opening_balances": OpeningBalanceRow,
    "claims": ClaimRow,
}


# Control totals: per kind, the sums the manifest states and the import proves.
def _sum_of(field: str) -> Callable[[Row], Decimal]:
    return lambda row: Decimal(getattr(row, field))


TOTALS: dict[Kind, dict[str, Callable[[Row], Decimal]]] = {
    "relations": {},
    "policies": {"annual_premium": _sum_of("annual_premium")},
    "debtor_items": {"amount": _sum_of("amount")},
    "creditor_items": {"amount": _sum_of("amount")},
    "opening_balances": {"debit": _sum_of("debit"), "credit": _sum_of("credit")},
    "claims": {"reserve": _sum_of("reserve"), "paid_to_date": _sum_of("paid_to_date")},
}


class FileEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.\-]+\.(csv|jsonl)$")
    rows: int = Field(ge=0, le=MAX_ROWS)
    totals: dict[str, Money] = Field(default_factory=dict, max_length=10)
    # opening_balances only: each account's balance (debit minus credit) in the old ledger
    balances: dict[str, Money] | None = Field(default=None, max_length=10_000)


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["backoffice-conversion/1"]
    source_system: str = Field(min_length=1, max_length=200)
    cut_off: date
    files: dict[Kind, FileEntry] = Field(min_length=1)

    @field_validator("files")
    @classmethod
    def _totals_named(cls, files: dict[Kind, FileEntry]) -> dict[Kind, FileEntry]:
        for kind, entry in files.items():
            unknown = set(entry.totals) - set(TOTALS[kind])
            if unknown:
                named = ", ".join(TOTALS[kind]) or "none"
                raise ValueError(f"{kind}: unknown total {sorted(unknown)[0]} (totals: {named})")
            if entry.balances is not None and kind != "opening_balances":
                raise ValueError(f"{kind}: balances belong to opening_balances")
        names = [entry.file for entry in files.values()]
        if len(set(names)) != len(names):
            raise ValueError("two kinds name the same file")
        return files


@dataclass(frozen=True)
class RowError:
    """What is wrong, where: the file, its line (1 is a CSV file's header), the field."""

    file: str
    line: int
    field: str | None
    message: str


def from_cells(model: type[Row], cells: Mapping[str, str | None]) -> dict[str, Any]:
    """A CSV row's cells as the row model takes them: empty cells absent, lists split on `;`,
    JSON objects parsed (ValueError naming the field when one is not)."""
    values: dict[str, Any] = {}
    for name, cell in cells.items():
        if cell is None or cell.strip() == "":
            continue
        if name in model.list_fields:
            values[name] = [part.strip() for part in cell.split(";") if part.strip()]
        elif name in model.json_fields:
            try:
                values[name] = json.loads(cell)
            except (ValueError, RecursionError) as exc:
                raise FieldError(name, "not a JSON object") from exc
        else:
            values[name] = cell
    return values


class FieldError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def row_problems(row: Row, cut_off: date) -> list[tuple[str, str]]:
    """What is wrong with a well-formed row given the package's cut-off date: (field, message)."""
    if isinstance(row, PolicyRow):
        problems = []
        if row.invoiced_until < row.start_date:
            problems.append(("invoiced_until", "before the policy's start date"))
        if row.term_months != 12:
            problems.append(("term_months", "policies here renew every 12 months"))
        if row.mandate is not None and row.payment_method != "direct_debit":
            problems.append(("mandate", "given for a policy not paying by direct debit"))
        if row.mandate is not None and row.mandate.signed_on > cut_off:
            problems.append(("mandate", "signed after the cut-off date"))
        return problems
    if isinstance(row, ClaimRow):
        problems = []
        if row.loss_date > cut_off:
            problems.append(("loss_date", f"after the cut-off date {cut_off.isoformat()}"))
        return problems
    return []
