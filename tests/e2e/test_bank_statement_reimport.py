"""A bank's transactions are booked once, through the gateway, however often and in whatever
layout the file that holds them is imported: a CSV statement saved again by a spreadsheet (other
line ends, columns in another order, quoting, amounts written shorter), a CAMT.053 statement
written out again (entries in another order, other indentation and namespace prefix). Two equal
payments in one file are two; a later file with one more books just that one. Two imports at the
same moment book once. Wrong files change nothing."""

import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.camt import camt053, relaid_out
from tests.support.csv_statements import spreadsheet_copy
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.tenants import create_login
from tests.support.waiting import eventually

DATA = Path(__file__).resolve().parents[1] / "data" / "bank-statements"
URL = "/api/ledger/bank-statements"
D = Decimal


def _accountant(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> dict[str, str]:
    by = operator.headers(tenant)
    books = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]}).headers()
    # The ledger opens a new tenant's chart when it hears of the tenant, a moment later.
    opened = eventually(
        lambda: gateway.get("/api/ledger/accounts", headers=books).json().get("items")
    )
    assert opened, "the ledger opened no chart of accounts for the new tenant"
    return books


def _import(
    gateway: httpx.Client, books: dict[str, str], data: bytes, kind: str, **params: str
) -> httpx.Response:
    headers = {**books, "content-type": kind}
    return gateway.post(URL, content=data, headers=headers, params=params)


def _counts(answer: httpx.Response) -> tuple[int, int, int]:
    assert answer.status_code == 201, answer.text
    body = answer.json()
    return body["receipts"], body["payments"], body["skipped"]


def _refused(answer: httpx.Response, status: int) -> str:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    return str(answer.json()["detail"])


def _bank(gateway: httpx.Client, books: dict[str, str]) -> dict[str, Decimal]:
    """The balances of the bank, unallocated receipts and suspense."""
    trial = gateway.get("/api/ledger/trial-balance", headers=books).json()
    assert trial["balanced"]
    balances = {a["code"]: D(a["balance"]) for a in trial["accounts"]}
    return {
        "bank": balances.get("1100", D(0)),
        "unallocated": balances.get("1800", D(0)),
        "suspense": balances.get("1390", D(0)),
    }


def _books(gateway: httpx.Client, books: dict[str, str]) -> dict[str, Any]:
    """The balances of `_bank`, and the receipts and payments kept."""
    lines = {}
    for kind in ("debtors/receipts", "creditors/payments"):
        page = gateway.get(f"/api/{kind}", params={"limit": 200}, headers=books).json()
        assert page["next_cursor"] is None
        lines[kind] = sorted(x["amount"] for x in page["items"])
    return {**_bank(gateway, books), **lines}


def test_a_csv_statement_saved_again_books_nothing_twice(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    books = _accountant(gateway, keycloak, operator, tenant)
    csv = (DATA / "statement.csv").read_text()
    nothing = _books(gateway, books)

    # Wrong files are refused whole and change nothing.
    misnamed = csv.replace("reference", "ref", 1).encode()
    assert "line 1: the header must name" in _refused(
        _import(gateway, books, misnamed, "text/csv"), 422
    )
    decimal_comma = csv.replace("-230.00", "-230,00").encode()
    assert "line 4: expected 6 columns, found 7" in _refused(
        _import(gateway, books, decimal_comma, "text/csv"), 422
    )
    assert _books(gateway, books) == nothing

    # Two equal receipts of P. Jansen that day are two receipts.
    assert _counts(_import(gateway, books, csv.encode(), "text/csv")) == (3, 1, 0)
    booked = _books(gateway, books)
    assert booked == {
        "bank": D("-120.90"),  # 45.10 + 45.10 + 18.90 - 230.00
        "unallocated": D("-109.10"),
        "suspense": D("230.00"),
        "debtors/receipts": ["18.90", "45.10", "45.10"],
        "creditors/payments": ["-230.00"],
    }

    # The very same file: refused, saying nothing was booked.
    same = _refused(_import(gateway, books, csv.encode(), "text/csv"), 409)
    assert "nothing was booked again (its 4 transactions are known)" in same
    # Saved again with Windows line ends; then by a spreadsheet, with a byte order mark.
    windows = csv.replace("\n", "\r\n").encode()
    assert _counts(_import(gateway, books, windows, "text/csv")) == (0, 0, 4)
    spreadsheet = "\ufeff" + spreadsheet_copy(csv)
    assert _counts(_import(gateway, books, spreadsheet.encode(), "text/csv")) == (0, 0, 4)
    assert _books(gateway, books) == booked

    # A later file of the day with a third such receipt, and one of the next day: both new.
    header, first, *others = csv.splitlines(keepends=True)
    later = header + first + "".join(others) + first + first.replace("2026-11-06", "2026-11-07")
    assert _counts(_import(gateway, books, later.encode(), "text/csv")) == (2, 0, 4)
    after = _books(gateway, books)
    assert after["bank"] == booked["bank"] + D("90.20")
    assert after["debtors/receipts"] == ["18.90", "45.10", "45.10", "45.10", "45.10"]


def test_a_camt053_statement_written_out_again_books_nothing_twice(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    books = _accountant(gateway, keycloak, operator, tenant)
    xml = "application/xml"
    direct_debits = (DATA / "camt053-direct-debits.xml").read_bytes()
    nothing = _books(gateway, books)

    # Balances 36.00 off: refused (nothing booked) unless the accountant takes it with a warning.
    assert "differs by 36.00" in _refused(_import(gateway, books, direct_debits, xml), 422)
    notification = (DATA / "camt054-notification.xml").read_bytes()
    assert "camt.054" in _refused(_import(gateway, books, notification, xml), 422)
    assert _books(gateway, books) == nothing
    taken = _import(gateway, books, direct_debits, xml, balance_check="warn")
    assert _counts(taken) == (1, 3, 0) and taken.json()["balance_difference"] == "36.00"
    batch = (DATA / "camt053-batch.xml").read_bytes()
    assert _counts(_import(gateway, books, batch, xml)) == (3, 1, 0)
    booked = _books(gateway, books)
    # 96.80 - 1,212.40 - 112.35 - 75.00, then 310.00 + 145.50 + 62.25 - 60.25
    assert booked["bank"] == D("-845.45")

    # Written out again by another program: every transaction known, nothing booked.
    again = _import(gateway, books, relaid_out(direct_debits), xml, balance_check="warn")
    assert _counts(again) == (0, 0, 4)
    assert _counts(_import(gateway, books, relaid_out(batch), xml)) == (0, 0, 4)
    assert _books(gateway, books) == booked

    # Another bank's statements without its own references: each one's entries are its own
    # (before, the first entry of one was taken for the first entry of any other).
    day, iban = "2026-11-09", "NL65TRIO0391274655"
    for n, amount in enumerate((D("20.00"), D("21.00"), D("20.00"))):
        other = camt053(
            f"TRIO-{n}",
            day,
            D(0),
            [(amount, "M. Bakker", iban, f"Premie {n}")],
            bank_references=False,
        )
        assert _counts(_import(gateway, books, other, xml)) == (1, 0, 0)
    assert _bank(gateway, books)["bank"] == booked["bank"] + D("61.00")


def _race(stack: Stack, books: dict[str, str], files: list[bytes]) -> list[httpx.Response]:
    """The files posted at the same moment, each by its own connection."""
    start = threading.Barrier(len(files))
    answers: list[httpx.Response | None] = [None] * len(files)

    def post(n: int) -> None:
        with httpx.Client(base_url=stack.gateway_url, timeout=60) as client:
            start.wait()
            answers[n] = client.post(
                URL, content=files[n], headers={**books, "content-type": "text/csv"}
            )

    threads = [threading.Thread(target=post, args=(n,)) for n in range(len(files))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(a is not None for a in answers)
    return [a for a in answers if a is not None]


def test_imports_of_the_same_transactions_at_the_same_moment_book_them_once(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    books = _accountant(gateway, keycloak, operator, tenant)
    receipts, expected = 400, D(0)
    for day in ("2026-11-16", "2026-11-17", "2026-11-18"):
        csv = "date,amount,name,iban,reference,description\n" + "".join(
            f"{day},{5 + n / 100:.2f},J. de Vries,NL91ABNA0417164300,,Premie {n}\n"
            for n in range(receipts)
        )
        expected += sum((D(5) + D(n) / 100 for n in range(receipts)), D(0))
        answers = _race(stack, books, [csv.encode(), csv.replace("\n", "\r\n").encode()])
        booked = 0
        for answer in answers:
            if answer.status_code == 409:
                assert "nothing of this file was booked" in _refused(answer, 409)
            else:
                got, _, skipped = _counts(answer)
                assert got + skipped == receipts
                booked += got
        assert booked == receipts, [a.text for a in answers]
        assert _bank(gateway, books)["bank"] == expected
