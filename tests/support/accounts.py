"""A tenant's books as its accountant finds them: a policy accepted (nine monthly invoices of
9.44 for J. de Vries, each with the insurer's share on the creditor side) and an accountant's
login; bank statements written for those open items."""

import time
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
    deadline = time.monotonic() + 20
    while True:  # the ledger books the invoices from the policy service's events
        items = gateway.get(
            "/api/debtors/open-items", params={"limit": 50}, headers=accountant.headers()
        ).json()["items"]
        if len(items) >= 9 or time.monotonic() > deadline:
            break
        time.sleep(0.3)
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
