"""What a package adds up to, and where that differs from what its manifest states (pure).

Per kind the import counts the rows of its file and sums its control totals over the valid
rows; the opening balances also per account. Each difference from the manifest is an error on
the manifest, naming the kind and the total. The current accounts must agree with the ledger:
the debtors' open items add up to the debtors control account's opening balance, the creditors'
to the creditors control account's (a credit)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from imports_service.conversion import KINDS, TOTALS, Kind, Manifest, Row, RowError
from imports_service.package import MANIFEST

ZERO = Decimal("0.00")


@dataclass
class Tally:
    """One kind's file as read: its data rows, how many are valid, their totals."""

    rows: int = 0
    valid: int = 0
    totals: dict[str, Decimal] = field(default_factory=dict)
    balances: dict[str, Decimal] = field(default_factory=dict)

    def add(self, kind: Kind, row: Row | None) -> None:
        self.rows += 1
        if row is None:
            return
        self.valid += 1
        for name, amount_of in TOTALS[kind].items():
            self.totals[name] = self.totals.get(name, ZERO) + amount_of(row)
        balance = getattr(row, "balance", None)
        if kind == "opening_balances" and isinstance(balance, Decimal):
            self.balances[row.key] = self.balances.get(row.key, ZERO) + balance

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "valid": self.valid,
            "totals": {name: str(amount) for name, amount in sorted(self.totals.items())},
            **(
                {"balances": {a: str(b) for a, b in sorted(self.balances.items())}}
                if self.balances
                else {}
            ),
        }


def manifest_errors(
    manifest: Manifest, tallies: Mapping[Kind, Tally], control: Mapping[str, str]
) -> list[RowError]:
    """Every count and total of the manifest the files do not bear out. `control`: the ledger's
    control account per current account (`debtors`, `creditors`)."""
    errors: list[RowError] = []

    def differs(field_name: str, stated: object, found: object) -> None:
        errors.append(RowError(MANIFEST, 1, field_name, f"states {stated}, the file holds {found}"))

    for kind in KINDS:
        entry, tally = manifest.files.get(kind), tallies.get(kind)
        if entry is None or tally is None:
            continue
        if entry.rows != tally.rows:
            differs(f"files.{kind}.rows", entry.rows, tally.rows)
        for name in TOTALS[kind]:
            stated = entry.totals.get(name)
            found = tally.totals.get(name, ZERO)
            if stated is not None and stated != found:
                differs(f"files.{kind}.totals.{name}", stated, found)
        if kind == "opening_balances":
            errors += _balance_errors(entry.balances or {}, tally)
    errors += _current_account_errors(tallies, control)
    return errors


def _balance_errors(stated: Mapping[str, Decimal], tally: Tally) -> list[RowError]:
    errors = []
    for account in sorted(set(stated) | set(tally.balances)):
        want, have = stated.get(account, ZERO), tally.balances.get(account, ZERO)
        if want != have:
            errors.append(
                RowError(
                    MANIFEST,
                    1,
                    f"files.opening_balances.balances.{account}",
                    f"states {want}, the file holds {have}",
                )
            )
    debit, credit = tally.totals.get("debit", ZERO), tally.totals.get("credit", ZERO)
    if debit != credit:
        errors.append(
            RowError(
                MANIFEST,
                1,
                "files.opening_balances",
                f"the opening balances do not balance: debit {debit}, credit {credit}",
            )
        )
    return errors


def _current_account_errors(
    tallies: Mapping[Kind, Tally], control: Mapping[str, str]
) -> list[RowError]:
    balances = tallies.get("opening_balances")
    if balances is None:
        return []
    errors = []
    for kind, ledger, sign in (("debtor_items", "debtors", 1), ("creditor_items", "creditors", -1)):
        account = control.get(ledger)
        if account is None:
            continue
        items = tallies[kind].totals.get("amount", ZERO) if kind in tallies else ZERO
        opening = sign * balances.balances.get(account, ZERO)
        if items != opening:
            errors.append(
                RowError(
                    MANIFEST,
                    1,
                    f"files.{kind}",
                    f"the open items add up to {items}, the opening balance of {ledger} control"
                    f" ({account}) is {opening}",
                )
            )
    return errors
