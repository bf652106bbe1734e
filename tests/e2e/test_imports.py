"""Taking over a portfolio, the dry run: the computing center hands in a conversion package for a
self-managed tenant under a support grant its administrator approved with the authenticator;
the package is checked in the background by the imports service and by each service that will
load a part of it, and the report names every error by file, line and field. Nothing reaches
the tenant's business data."""

import asyncio
import io
import json
import os
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin, Login
from tests.support.products import published_home
from tests.support.tenants import Person, Phone, create_login, hand_over
from tests.support.waiting import eventually

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "conversion"
ZIP = {"Content-Type": "application/zip"}


def package(changes: dict[str, str | bytes] | None = None) -> bytes:
    files: dict[str, str | bytes] = {p.name: p.read_text() for p in EXAMPLE.iterdir()}
    files |= changes or {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return out.getvalue()


@dataclass
class TakenOver:
    tenant: str
    operator: dict[str, str]  # the operator's headers for the tenant, under the grant
    admin: Person
    clerk: Person
    grant_id: str
    loaded: str | None = None  # the import the load test loaded, for the withdrawal's test


def _grant(
    gateway: httpx.Client,
    operator: dict[str, str],
    admin: Person,
    phone: Phone,
    tenant: str,
    scope: list[dict[str, str]],
) -> str:
    asked = gateway.post(
        f"/api/identity/tenants/{tenant}/support-requests",
        json={"reason": "Import of the converted portfolio", "scope": scope, "minutes": 120},
        headers={"Authorization": operator["Authorization"]},
    )
    assert asked.status_code == 201, asked.text
    grant_id = str(asked.json()["id"])
    approved = gateway.post(
        f"/api/identity/tenants/{tenant}/support-requests/{grant_id}/approve",
        json={"code": phone.code()},
        headers=admin.headers(),
    )
    assert approved.status_code == 200, approved.text
    return grant_id


@pytest.fixture(scope="module")
def taken_over(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator_login: Login
) -> Iterator[TakenOver]:
    """A tenant with the example product live and a clerk who already entered one relation,
    handed over to its administrator, who lets the operator in to import."""
    operator = Api(gateway, keycloak.token(operator_login))
    tenant = f"t-{uuid.uuid4().hex[:12]}"
    made = operator.post("/api/identity/tenants", {"slug": tenant, "name": "Kantoor De Vries"})
    assert made.status_code == 201, made.text
    by = operator.headers(tenant)
    published_home(stack, gateway, keycloak, by, tenant)
    clerk = create_login(
        gateway, keycloak, by, tenant, {"protocols": ["policy-clerk", "view-only"]}
    )
    existing = {
        "name": "Fatima El-Amrani",
        "date_of_birth": "1975-11-02",
        "address": {
            "street": "Kerkstraat",
            "house_number": 12,
            "postcode": "3511AB",
            "city": "Utrecht",
        },
        "roles": ["policyholder"],
    }
    entered = gateway.post("/api/relations", json=existing, headers=clerk.headers())
    assert entered.status_code == 201, entered.text
    admin, phone = hand_over(gateway, keycloak, by, tenant)
    scope = [{"module": "imports", "action": "view"}, {"module": "imports", "action": "create"}]
    grant_id = _grant(gateway, by, admin, phone, tenant, scope)
    yield TakenOver(tenant, by, admin, clerk, grant_id)


def _after(
    gateway: httpx.Client, headers: dict[str, str], import_id: str, status: str
) -> dict[str, Any]:
    """The import once it is no longer `status` (checking, withdrawing)."""
    answer = eventually(
        lambda: gateway.get(f"/api/imports/{import_id}", headers=headers).json(),
        lambda found: found["status"] != status,
        seconds=60,
    )
    assert answer["status"] != status, answer
    return answer


def _checked(gateway: httpx.Client, headers: dict[str, str], import_id: str) -> dict[str, Any]:
    return _after(gateway, headers, import_id, "checking")


def _errors(gateway: httpx.Client, headers: dict[str, str], import_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 3}
    while True:
        page = gateway.get(f"/api/imports/{import_id}/errors", params=params, headers=headers)
        assert page.status_code == 200, page.text
        found += page.json()["items"]
        if not page.json()["next_cursor"]:
            return found
        params["cursor"] = page.json()["next_cursor"]


def test_the_example_package_is_checked_under_the_grant_and_adds_up(
    gateway: httpx.Client, taken_over: TakenOver
) -> None:
    by = taken_over.operator
    # The clerk's relation is the example's R1002 (the same person, written otherwise): the
    # example goes in without her here, as a conversion would for a relation already taken over.
    relations = (EXAMPLE / "relations.csv").read_text()
    relations = relations.replace("Fatima el Amrani,1975-11-02", "Fatima el Amrani,1975-11-03")
    body = package({"relations.csv": relations})
    handed_in = gateway.post("/api/imports", content=body, headers=by | ZIP)
    assert handed_in.status_code == 202, handed_in.text
    started = handed_in.json()
    assert started["status"] == "checking" and started["number"].startswith("I")
    assert started["acting_as"] == "support" and started["grant_id"] == taken_over.grant_id

    report = _checked(gateway, by, started["id"])
    assert (report["status"], report["error_count"]) == ("checked", 0), _errors(
        gateway, by, started["id"]
    )
    assert report["source_system"].startswith("Assurantiepakket 7")
    manifest = json.loads((EXAMPLE / "manifest.json").read_text())["files"]
    for kind, stated in manifest.items():
        found = report["kinds"][kind]
        assert found["package"]["rows"] == found["package"]["valid"] == stated["rows"], kind
        assert found["package"]["totals"] == stated.get("totals", {}), kind
    assert report["kinds"]["opening_balances"]["package"]["balances"]["1600"] == "-310.00"

    # The tenant's administrator sees the report without any right of the module.
    seen = gateway.get(f"/api/imports/{started['id']}", headers=taken_over.admin.headers())
    assert seen.status_code == 200 and seen.json()["error_count"] == 0
    # The same package again is recognised.
    again = gateway.post("/api/imports", content=body, headers=by | ZIP)
    assert again.status_code == 409
    assert started["number"] in again.json()["detail"]
    # Every step the operator took is in the tenant's trail, with the grant's number.
    trail = eventually(
        lambda: gateway.get(
            f"/api/identity/tenants/{taken_over.tenant}/audit",
            params={"grant": taken_over.grant_id, "module": "imports"},
            headers=taken_over.admin.headers(),
        ).json()["items"],
        lambda items: len(items) >= 3,
    )
    steps = {(e["method"], e["action"], e["outcome"], e["acting_as"]) for e in trail}
    assert ("POST", "create", "allowed", "support") in steps
    assert ("GET", "view", "allowed", "support") in steps
    # A dry run writes nothing to the business data.
    listed = gateway.get("/api/relations", headers=taken_over.clerk.headers()).json()["items"]
    assert [r["name"] for r in listed] == ["Fatima El-Amrani"]


def test_each_error_is_reported_with_file_line_and_field_and_nothing_is_written(
    gateway: httpx.Client, taken_over: TakenOver
) -> None:
    by = taken_over.operator
    relations = (EXAMPLE / "relations.csv").read_text()
    # Line 7 (R1004) with an IBAN whose check digits fail; line 8 the advisor of line 2 again.
    relations = relations.replace(
        "1992-08-30,,l.bakker@example.nl,,,", "1992-08-30,,l.bakker@example.nl,,NL91ABNA0417164301,"
    )
    relations += (
        "R1005,person,PIETER JANSEN,1968-02-11,,,,,Damrak,1,,1012 LG,Amsterdam,NL,insured,\n"
    )
    policies = (EXAMPLE / "policies.jsonl").read_text().splitlines()
    policies[1] = policies[1].replace('"product_version": 1', '"product_version": 9')
    policies[2] = policies[2].replace('"holder_ref": "R1003"', '"holder_ref": "R9999"')
    manifest = json.loads((EXAMPLE / "manifest.json").read_text())
    manifest["files"]["relations"]["rows"] = 7
    manifest["files"]["policies"]["totals"]["annual_premium"] = "305.54"
    body = package(
        {
            "relations.csv": relations,
            "policies.jsonl": "\n".join(policies) + "\n",
            "manifest.json": json.dumps(manifest),
            # A file the manifest does not name is left alone; it makes the package larger than
            # a request that is not an upload may be, so it streams through the gateway.
            "scans.bin": os.urandom(1_500_000),
        }
    )
    assert len(body) > 1_048_576
    handed_in = gateway.post("/api/imports", content=body, headers=by | ZIP)
    assert handed_in.status_code == 202, handed_in.text
    assert handed_in.json()["package_bytes"] == len(body)
    report = _checked(gateway, by, handed_in.json()["id"])
    assert report["status"] == "rejected"
    errors = _errors(gateway, by, handed_in.json()["id"])
    assert report["error_count"] == len(errors)
    found = {(e["file"], e["line"], e["field"]): e["message"] for e in errors}
    assert found[("relations.csv", 7, "iban")] == "not a valid IBAN"
    assert "version 9" in found[("policies.jsonl", 2, "product_version")]
    assert found[("policies.jsonl", 3, "holder_ref")] == (
        "no relation R9999 in the package, nor imported before"
    )
    assert found[("manifest.json", 1, "files.policies.totals.annual_premium")] == (
        "states 305.54, the file holds 305.53"
    )
    assert "the same relation as R2001 on line 2" in found[("relations.csv", 8, "ref")]
    # R1002 is the clerk's relation, whatever the accents and capitals.
    assert "already has this relation: Fatima El-Amrani" in found[("relations.csv", 4, "ref")]
    assert len(errors) == 6, errors
    listed = gateway.get("/api/relations", headers=taken_over.clerk.headers()).json()["items"]
    assert len(listed) == 1


async def _end_grants_soon(stack: Stack, tenant: str) -> None:
    """Time passes: the tenant's grants end in eight seconds (instead of in two hours)."""
    conn = await asyncpg.connect(stack.postgres.superuser_dsn("identity"))
    try:
        await conn.execute(
            "update support_requests set expires_at = now() + interval '8 seconds'"
            " where tenant_id = $1",
            tenant,
        )
    finally:
        await conn.close()


def test_only_a_grant_that_covers_imports_lets_the_operator_in(
    stack: Stack,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    operator: Api,
    tenant: str,
) -> None:
    by = operator.headers(tenant)
    admin, phone = hand_over(gateway, keycloak, by, tenant)
    refused = gateway.post("/api/imports", content=package(), headers=by | ZIP)
    assert refused.status_code == 403
    assert "runs its own administration" in refused.json()["detail"]

    scope = [{"module": "ledger", "action": "view"}, {"module": "imports", "action": "view"}]
    _grant(gateway, by, admin, phone, tenant, scope)
    asyncio.run(_end_grants_soon(stack, tenant))
    assert gateway.get("/api/imports", headers=by).status_code == 200
    other = gateway.post("/api/imports", content=package(), headers=by | ZIP)
    assert other.status_code == 403
    assert other.json()["detail"] == "You may not create in imports"

    expired = eventually(
        lambda: gateway.get("/api/imports", headers=by), lambda r: r.status_code == 403, seconds=20
    )
    assert expired.status_code == 403


def test_a_portfolio_is_loaded_once_and_proven_by_its_totals(
    gateway: httpx.Client, taken_over: TakenOver
) -> None:
    """Last of the module's tests on its tenant: what it loads is in the tenant from then on."""
    by, clerk = taken_over.operator, taken_over.clerk.headers()
    relations = (EXAMPLE / "relations.csv").read_text()
    relations = relations.replace("Fatima el Amrani,1975-11-02", "Fatima el Amrani,1975-11-04")
    manifest = json.loads((EXAMPLE / "manifest.json").read_text())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("relations.csv", relations)
        zf.writestr("manifest.json", json.dumps(manifest))
        for name in manifest["files"]:
            if name != "relations":
                zf.write(EXAMPLE / manifest["files"][name]["file"], manifest["files"][name]["file"])
    handed_in = gateway.post("/api/imports", content=out.getvalue(), headers=by | ZIP)
    assert handed_in.status_code == 202, handed_in.text
    import_id = handed_in.json()["id"]
    checked = _checked(gateway, by, import_id)
    assert checked["status"] == "checked", _errors(gateway, by, import_id)

    committed = gateway.post(f"/api/imports/{import_id}/commit", headers=by)
    assert committed.status_code == 202, committed.text
    assert committed.json()["status"] == "loading"
    taken_over.loaded = import_id
    loaded = eventually(
        lambda: gateway.get(f"/api/imports/{import_id}", headers=by).json(),
        lambda found: found["status"] == "loaded",
        seconds=90,
    )
    assert loaded["status"] == "loaded", loaded
    assert loaded["kinds"]["relations"]["loaded"]["rows"] == 6
    assert loaded["kinds"]["policies"]["loaded"] == {
        "rows": 3,
        "totals": {"annual_premium": manifest["files"]["policies"]["totals"]["annual_premium"]},
    }
    assert loaded["differences"] == []
    # A second commit is recognised: nothing is loaded twice.
    again = gateway.post(f"/api/imports/{import_id}/commit", headers=by)
    assert again.status_code == 409 and "loaded" in again.json()["detail"]

    # The tenant's staff find what was taken over, as relations and policies of their own.
    names = {
        r["name"]
        for r in gateway.get("/api/relations", params={"limit": 50}, headers=clerk).json()["items"]
    }
    assert {"Jan de Vries", "Bakkerij Van Dam B.V.", "Pieter Jansen"} <= names
    listed = gateway.get("/api/policies", params={"limit": 50}, headers=clerk).json()["items"]
    assert len(listed) == 3
    for policy in listed:
        assert policy["number"].startswith("P")
        # Invoiced in the old system up to its invoiced_until: nothing is invoiced again.
        invoices = gateway.get(f"/api/policies/{policy['id']}/invoices", headers=clerk)
        assert invoices.status_code == 200 and invoices.json()["items"] == []
    jan = next(p for p in listed if p["holder_name"] == "Jan de Vries")
    history = gateway.get(f"/api/relations/{jan['holder_id']}/history", headers=clerk).json()
    assert [(h["change"], h["after"]["name"]) for h in history] == [("created", "Jan de Vries")]
    detail = gateway.get(f"/api/policies/{jan['id']}", headers=clerk).json()
    assert detail["billed_until"] == "2027-01-01"
    assert detail["chosen_coverages"] == ["BASIC", "LEGAL"]
    # Jan paid by direct debit in the old system: his mandate came along, kept by the ledger.
    assert detail["payment_method"] == "direct_debit"
    mandates = eventually(
        lambda: gateway.get(
            "/api/debtors/mandates", params={"relation_id": jan["holder_id"]}, headers=clerk
        ).json()["items"],
        lambda found: len(found) == 1,
        seconds=20,
    )
    assert (mandates[0]["reference"], mandates[0]["status"]) == ("OLD-M-1001", "active")

    # The books open at the cut-off date: the open items on the current accounts, the opening
    # balances in the trial balance, the clearing account back at zero.
    for kind, stated in manifest["files"].items():
        assert loaded["kinds"][kind]["loaded"]["totals"] == stated.get("totals", {}), kind
    statement = gateway.get(f"/api/debtors/{jan['holder_id']}", headers=clerk)
    assert statement.status_code == 200, statement.text
    assert statement.json()["balance"] == "9.44"
    balances = gateway.get(
        "/api/ledger/trial-balance", params={"date": "2026-12-31"}, headers=clerk
    ).json()
    assert balances["balanced"]
    found = {line["code"]: line for line in balances["accounts"]}
    assert found["1100"]["balance"] == "5000.00"
    assert found["1300"]["balance"] == "41.43"
    assert found["1600"]["balance"] == "-310.00"
    assert found["0900"]["balance"] == "-4731.43"
    assert found.get("0999", {"balance": "0.00"})["balance"] == "0.00"

    # The open claim, in treatment on the policy as loaded, with its reserve and what was paid.
    claims = gateway.get("/api/claims", headers=clerk).json()["items"]
    assert len(claims) == 1
    claim = gateway.get(f"/api/claims/{claims[0]['id']}", headers=clerk).json()
    assert (claim["status"], claim["coverage"], claim["cause"]) == (
        "in_treatment",
        "BASIC",
        "burglary",
    )
    assert (claim["reserve"], claim["paid"]) == ("1250.00", "250.00")
    fatima = next(p for p in listed if p["holder_name"] == "Fatima el Amrani")
    assert claim["policy_number"] == fatima["number"]


def test_an_import_is_withdrawn_only_once_nothing_was_done_with_it_and_then_as_a_whole(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, taken_over: TakenOver
) -> None:
    """After the load test: its import, with a payment matched to one of its open items."""
    by, import_id = taken_over.operator, taken_over.loaded
    assert import_id is not None, "the load test runs first"
    admin = taken_over.admin.headers()
    books = create_login(
        gateway, keycloak, admin, taken_over.tenant, {"protocols": ["accountant"]}
    ).headers()
    clerk = taken_over.clerk.headers()
    jan = next(
        r
        for r in gateway.get("/api/relations", params={"limit": 50}, headers=clerk).json()["items"]
        if r["name"] == "Jan de Vries"
    )
    [item] = gateway.get(f"/api/debtors/{jan['id']}", headers=books).json()["open_items"]
    assert (item["reference"], item["remaining"]) == ("D-5001", "9.44")

    # Jan pays his December premium; the accountant matches it to the imported item.
    statement = (
        "date,amount,name,iban,reference,description\n"
        "2026-11-27,9.44,J. de Vries,NL91ABNA0417164300,D-5001,Premie december\n"
    )
    paid = gateway.post(
        "/api/ledger/bank-statements",
        content=statement,
        headers=books | {"Content-Type": "text/csv"},
    )
    assert paid.status_code == 201, paid.text
    [receipt] = gateway.get(
        "/api/debtors/receipts", params={"unmatched": "true"}, headers=books
    ).json()["items"]
    matched = gateway.post(
        "/api/debtors/matches",
        json={
            "bank_line_id": receipt["id"],
            "allocations": [{"item_id": item["id"], "amount": "9.44"}],
        },
        headers=books,
    )
    assert matched.status_code == 201, matched.text

    # Withdrawing is refused, naming the item, and changes nothing.
    refused = gateway.post(f"/api/imports/{import_id}/withdraw", headers=by)
    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert "D-5001 of Jan de Vries" in refused.json()["detail"], refused.json()
    assert refused.json()["errors"][0]["field"] == "ledger"
    assert gateway.get(f"/api/imports/{import_id}", headers=by).json()["status"] == "loaded"
    # The tenant's clerk may not withdraw it (no right of the module).
    assert gateway.post(f"/api/imports/{import_id}/withdraw", headers=clerk).status_code == 403

    # Once the match is undone, the import is withdrawn as a whole.
    undone = gateway.delete(f"/api/debtors/matches/{matched.json()['id']}", headers=books)
    assert undone.status_code in (200, 204), undone.text
    asked = gateway.post(f"/api/imports/{import_id}/withdraw", headers=by)
    assert asked.status_code == 202, asked.text
    assert asked.json()["status"] == "withdrawing"
    withdrawn = _after(gateway, by, import_id, "withdrawing")
    assert withdrawn["status"] == "withdrawn", withdrawn
    assert withdrawn["withdrawal"]["undone"] == {
        "policies": 3,
        "relations": 6,
        "claims": 1,
        "entries": 3,
        "items": 3,
        "mandates": 1,
    }
    assert withdrawn["withdrawn_by"] and withdrawn["withdrawn_at"]

    # The tenant's data is as before the import: the clerk's relation alone, no policies or
    # claims, and the books reversed at the cut-off date (the receipt stays unallocated).
    names = [r["name"] for r in gateway.get("/api/relations", headers=clerk).json()["items"]]
    assert names == ["Fatima El-Amrani"]
    assert gateway.get("/api/policies", headers=clerk).json()["items"] == []
    assert gateway.get("/api/claims", headers=clerk).json()["items"] == []
    balances = gateway.get(
        "/api/ledger/trial-balance", params={"date": "2026-12-31"}, headers=books
    ).json()
    assert balances["balanced"]
    found = {line["code"]: line["balance"] for line in balances["accounts"]}
    for code in ("1300", "1600", "0900", "0999"):
        assert found.get(code, "0.00") == "0.00", (code, found)
    assert found["1100"] == "9.44" and found["1800"] == "-9.44"
    statement_of_jan = gateway.get(f"/api/debtors/{jan['id']}", headers=books).json()
    assert statement_of_jan["balance"] == "0.00" and statement_of_jan["open_items"] == []
    # Withdrawing again is refused.
    again = gateway.post(f"/api/imports/{import_id}/withdraw", headers=by)
    assert again.status_code == 409 and "withdrawn" in again.json()["detail"]


def _many(count: int) -> bytes:
    """A package of `count` relations, each with a policy on the demo product."""
    relations = ["ref,name,date_of_birth,street,house_number,postcode,city,roles"]
    policies = []
    for i in range(count):
        born = f"19{40 + i % 50}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        relations.append(
            f"K{i},Klant {i},{born},Damrak,{1 + i % 200},1012 LG,Amsterdam,policyholder"
        )
        policies.append(
            json.dumps(
                {
                    "ref": f"PK{i}",
                    "holder_ref": f"K{i}",
                    "product_code": "HOME",
                    "product_version": 1,
                    "start_date": "2026-01-01",
                    "frequency": "annual",
                    "coverages": ["BASIC"],
                    "risk": {
                        "birth_date": born,
                        "postcode": "1012 LG",
                        "sum_insured": 40000,
                        "household": "single",
                    },
                    "annual_premium": "0.00",
                    "invoiced_until": "2027-01-01",
                }
            )
        )
    manifest = {
        "format": "backoffice-conversion/1",
        "source_system": "Assurantiepakket 7",
        "cut_off": "2026-12-31",
        "files": {
            "relations": {"file": "relations.csv", "rows": count},
            "policies": {"file": "policies.jsonl", "rows": count},
        },
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("relations.csv", "\n".join(relations) + "\n")
        zf.writestr("policies.jsonl", "\n".join(policies) + "\n")
    return out.getvalue()


async def _loaded_rows(stack: Stack, import_id: str) -> tuple[int, int, int]:
    conn = await asyncpg.connect(stack.postgres.superuser_dsn("policy"))
    try:
        relations = await conn.fetchval(
            "select count(*) from relations where import_id = $1", uuid.UUID(import_id)
        )
        policies = await conn.fetchval(
            "select count(*) from policies where import_id = $1", uuid.UUID(import_id)
        )
        numbers = await conn.fetchval(
            "select count(distinct number) from policies where import_id = $1",
            uuid.UUID(import_id),
        )
        return int(relations), int(policies), int(numbers)
    finally:
        await conn.close()


def test_a_load_goes_on_after_the_policy_service_stopped_in_the_middle_and_after_the_grant_ended(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, taken_over: TakenOver
) -> None:
    """Last of the module's tests: the tenant's grant ends during the load."""
    by, count = taken_over.operator, 3000
    admin = {"Authorization": f"Bearer {keycloak.token(taken_over.admin.login)}"}  # a fresh one
    handed_in = gateway.post("/api/imports", content=_many(count), headers=by | ZIP)
    assert handed_in.status_code == 202, handed_in.text
    import_id = handed_in.json()["id"]
    assert _checked(gateway, by, import_id)["status"] == "checked"
    assert gateway.post(f"/api/imports/{import_id}/commit", headers=by).status_code == 202
    # The grant ends while the load runs: the load was authorised and finishes, but the
    # operator can start nothing new. The tenant's administrator follows the load.
    asyncio.run(_end_grants_soon(stack, taken_over.tenant))

    under_way = eventually(
        lambda: gateway.get(f"/api/imports/{import_id}", headers=admin).json(),
        lambda found: (found["progress"] or {}).get("done", 0) >= 1,
        seconds=60,
        every=0.05,
    )
    stack.kill("policy")
    assert under_way["status"] == "loading", under_way  # killed in the middle of the load
    stack.restart("policy")

    ended = eventually(
        lambda: gateway.get("/api/imports", headers=by),
        lambda answer: answer.status_code == 403,
        seconds=30,
    )
    assert ended.status_code == 403, ended.text
    refused = gateway.post("/api/imports", content=package(), headers=by | ZIP)
    assert refused.status_code == 403, refused.text
    # A stuck load stays stuck; a slow build machine only takes longer (a clean-clone run three
    # times slower than usual took more than three minutes before each batch had its own
    # transaction), so the wait is generous and the failure names how far the load got.
    loaded = eventually(
        lambda: gateway.get(f"/api/imports/{import_id}", headers=admin).json(),
        lambda found: found["status"] == "loaded",
        seconds=300,
    )
    assert loaded.get("status") == "loaded", (loaded.get("status"), loaded.get("progress", loaded))
    assert loaded["kinds"]["relations"]["loaded"]["rows"] == count
    assert loaded["kinds"]["policies"]["loaded"]["rows"] == count
    assert asyncio.run(_loaded_rows(stack, import_id)) == (count, count, count)
    assert gateway.post(f"/api/imports/{import_id}/withdraw", headers=by).status_code == 403


def test_a_load_whose_sending_failed_is_resumed_by_committing_again(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    """The product service, which rates the policies as they are sent, is away for longer than
    the load waits: its job fails after the relations, and committing again sends the rest."""
    by, count = operator.headers(tenant), 400
    published_home(stack, gateway, keycloak, by, tenant)
    handed_in = gateway.post("/api/imports", content=_many(count), headers=by | ZIP)
    assert handed_in.status_code == 202, handed_in.text
    import_id = handed_in.json()["id"]
    assert _checked(gateway, by, import_id)["status"] == "checked"
    stack.stop_service("product")
    try:
        assert gateway.post(f"/api/imports/{import_id}/commit", headers=by).status_code == 202
        stopped = eventually(
            lambda: gateway.get(f"/api/imports/{import_id}", headers=by).json(),
            lambda found: (found["progress"] or {}).get("status") == "failed",
            seconds=120,
        )
        assert stopped["status"] == "loading", stopped
        assert stopped["progress"]["status"] == "failed", stopped
        assert "product service" in stopped["progress"]["error"]
    finally:
        stack.start_service("product")
        stack.wait_service("product")
    resumed = gateway.post(f"/api/imports/{import_id}/commit", headers=by)
    assert resumed.status_code == 202, resumed.text
    loaded = eventually(
        lambda: gateway.get(f"/api/imports/{import_id}", headers=by).json(),
        lambda found: found["status"] == "loaded",
        seconds=120,
    )
    assert loaded["status"] == "loaded", loaded
    assert loaded["kinds"]["policies"]["loaded"]["rows"] == count
    assert asyncio.run(_loaded_rows(stack, import_id)) == (count, count, count)
    again = gateway.post(f"/api/imports/{import_id}/commit", headers=by)
    assert again.status_code == 409
