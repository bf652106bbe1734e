"""A 2xx answer means the change is stored: a service commits its transaction before it answers,
so what the caller asks next already sees the change, and a change the database refuses at
commit is never answered as done."""

import httpx

from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.tenants import create_login

RECEIPTS = 1000


def _receipts(gateway: httpx.Client, books: dict[str, str]) -> int:
    count, params = 0, {"unmatched": "true", "limit": 200}
    while True:
        page = gateway.get("/api/debtors/receipts", params=params, headers=books).json()
        count += len(page["items"])
        if not page["next_cursor"]:
            return count
        params["cursor"] = page["next_cursor"]


def test_an_imported_statement_is_there_when_the_answer_comes(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    books = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]}).headers()
    # A day's statement of a thousand receipts: its commit checks an entry of 2,000 lines.
    csv = "date,amount,name,iban,reference,description\n" + "".join(
        f"2026-11-27,{10 + n / 100:.2f},J. de Vries,NL91ABNA0417164300,,Premie {n}\n"
        for n in range(RECEIPTS)
    )
    imported = gateway.post(
        "/api/ledger/bank-statements", content=csv, headers={**books, "content-type": "text/csv"}
    )
    assert imported.status_code == 201, imported.text
    assert imported.json()["receipts"] == RECEIPTS
    assert _receipts(gateway, books) == RECEIPTS
