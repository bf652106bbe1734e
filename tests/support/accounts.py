"""A tenant's books as its accountant finds them: a policy accepted (nine monthly invoices of
9.44 for J. de Vries, each with the insurer's share on the creditor side) and an accountant's
login; bank statements written for those open items."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from devstack.stack import Stack
from tests.support.camt import camt053
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.policies import accepted_policy
from tests.support.products import HOME_QUOTE
from tests.support.tenants import Person, create_login
from tests.support.waiting import eventually

PAYER = ("J. de Vries", "NL91ABNA0417164300")


@dataclass
class Books:
    accountant: Person
    items: list[dict[str, Any]]  # the debtor's open items, the earliest due first

    @property
    def headers(self) -> dict[str, str]:
        return self.accountant.headers()


def books_with_a_policy(
    stack: Stack,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    by: dict[str, str],
    tenant: str,
) -> Books:
    accepted_policy(stack, gateway, keycloak, by, tenant, HOME_QUOTE)
    accountant = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]})
    items = eventually(  # the ledger books the invoices from the policy service's events
        lambda: gateway.get(
            "/api/debtors/open-items", params={"limit": 50}, headers=accountant.headers()
        ).json()["items"],
        lambda found: len(found) >= 9,
        seconds=20,
    )
    assert len(items) == 9, items
    return Books(accountant, items)


def statement_file(
    folder: Path, name: str, receipts: list[tuple[str, str]], statement_id: str
) -> Path:
    """A CAMT.053 file of receipts from the payer, each (amount, remittance text)."""
    data = camt053(
        statement_id,
        date.today().isoformat(),
        Decimal("1000.00"),
        [(Decimal(amount), *PAYER, text) for amount, text in receipts],
    )
    path = folder / name
    path.write_bytes(data)
    return path


def balances_of(gateway: httpx.Client, headers: dict[str, str]) -> dict[str, Decimal]:
    """The trial balance by account code (asserting that it balances)."""
    trial = gateway.get("/api/ledger/trial-balance", headers=headers).json()
    assert trial["balanced"] and trial["total_debit"] == trial["total_credit"]
    return {a["code"]: Decimal(a["balance"]) for a in trial["accounts"]}


def sub_ledger(gateway: httpx.Client, headers: dict[str, str], ledger: str) -> Decimal:
    """What the open items of `ledger` (debtors or creditors) add up to."""
    items = gateway.get(f"/api/{ledger}", headers=headers).json()["items"]
    return sum((Decimal(i["balance"]) for i in items), Decimal("0.00"))


def assert_control_accounts_equal_open_items(
    gateway: httpx.Client, headers: dict[str, str]
) -> dict[str, Decimal]:
    """The control accounts (1300 debtors, 1600 creditors) equal their open items."""
    balances = balances_of(gateway, headers)
    assert balances["1300"] == sub_ledger(gateway, headers, "debtors")
    assert -balances["1600"] == sub_ledger(gateway, headers, "creditors")
    return balances
