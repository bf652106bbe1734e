"""The documents a policyholder receives, through the gateway: the tenant's letterhead (checked:
a logo must be a PNG), the policy schedule and the premium invoices of a policy paying by direct
debit as PDF in Dutch (letterhead, addressee, coverages, `€ 1.234,56`, payment reference,
mandate reference and date of collection), each made once and served again byte for byte even
after the letterhead changed, the debtor item leading to its invoice, and a test policy's
documents saying TEST on every page."""

import base64
import io
import uuid
from datetime import date, timedelta
from typing import Any

import httpx
from PIL import Image
from pypdf import PdfReader

from backoffice_domain.letters import dutch_date
from devstack.stack import Stack
from tests.support.api import Api
from tests.support.direct_debit import CREDITOR
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.policies import accepted_policy
from tests.support.products import HOME_QUOTE
from tests.support.tenants import create_login
from tests.support.waiting import eventually


def _logo() -> str:
    out = io.BytesIO()
    Image.new("RGB", (120, 40), (10, 60, 120)).save(out, format="PNG")
    return base64.b64encode(out.getvalue()).decode()


LETTERHEAD = {
    "name": "Verzekeringen Noord BV",
    "address_lines": ["Grote Markt 1", "9711 LV Groningen"],
    "contact_lines": ["050 123 45 67", "klant@noord.example"],
    "iban": "NL91 ABNA 0417 1643 00",
    "logo_png": _logo(),
}


def _text(pdf: bytes) -> str:
    """The words of every page, one space between (a sentence may wrap anywhere)."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _pdf(gateway: httpx.Client, url: str, headers: dict[str, str]) -> bytes:
    answer = gateway.get(url, headers=headers, follow_redirects=True)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF-")
    return answer.content


def _documents(gateway: httpx.Client, policy_id: str, headers: dict[str, str]) -> list[Any]:
    answer = gateway.get(
        f"/api/policies/{policy_id}/documents", params={"limit": 50}, headers=headers
    )
    assert answer.status_code == 200, answer.text
    return list(answer.json()["items"])


def test_schedule_and_invoices_of_a_direct_debit_policy_are_made_once_in_dutch(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    policy = accepted_policy(stack, gateway, keycloak, by, tenant, HOME_QUOTE)
    clerk = policy.clerk
    books = create_login(gateway, keycloak, by, tenant, {"protocols": ["accountant"]}).headers()

    # The letterhead: a logo that is not a PNG, or a name with a control character, is refused.
    url = "/api/policies/letterhead"
    assert gateway.get(url, headers=clerk).status_code == 404
    not_png = {**LETTERHEAD, "logo_png": base64.b64encode(b"GIF89a" + b"\0" * 40).decode()}
    refused = gateway.put(url, json=not_png, headers=clerk)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"].endswith("logo_png")
    nul = gateway.put(url, json={**LETTERHEAD, "name": "Noord\u0000BV"}, headers=clerk)
    assert nul.status_code == 422
    assert gateway.get(url, headers=clerk).status_code == 404
    set_ = gateway.put(url, json=LETTERHEAD, headers=clerk)
    assert set_.status_code == 200, set_.text
    assert set_.json()["iban"] == "NL91ABNA0417164300"

    # Direct debit: the tenant as creditor, the policy's way of payment, the holder's mandate.
    assert gateway.put("/api/debtors/collection-settings", json=CREDITOR, headers=books).is_success
    assert gateway.put(
        f"/api/policies/{policy.policy_id}/payment-method",
        json={"method": "direct_debit"},
        headers=clerk,
    ).is_success
    held = gateway.get(f"/api/policies/{policy.policy_id}", headers=clerk).json()
    mandate = {
        "relation_id": held["holder_id"],
        "reference": f"MND-{held['number']}",
        "signed_on": (date.today() - timedelta(days=3)).isoformat(),
        "iban": "NL44RABO0123456789",
    }
    made = eventually(  # the ledger knows the relation from its event
        lambda: gateway.post("/api/debtors/mandates", json=mandate, headers=books),
        lambda answer: answer.status_code == 201,
        seconds=20,
    )
    assert made.status_code == 201, made.text

    # The policy's documents: its schedule and nine invoices, none made yet.
    listed = _documents(gateway, policy.policy_id, clerk)
    kinds = sorted(d["kind"] for d in listed)
    assert kinds == ["invoice"] * 9 + ["policy_schedule"]
    assert all(d["made_at"] is None and not d["test"] for d in listed)
    schedule = next(d for d in listed if d["kind"] == "policy_schedule")

    text = _text(_pdf(gateway, schedule["href"], clerk))
    for expected in (
        "Verzekeringen Noord BV",
        "Grote Markt 1",
        "Polisblad",
        held["number"],
        "J. de Vries",
        "Damrak 1",
        "1012 LG",
        "Basisdekking brand, storm en inbraak",
        "Rechtsbijstand wonen",
        "€ 40.000,00",  # the sum insured
        "automatische incasso",
        f"productversie HOME {held['product']['version']}",
    ):
        assert expected in text, expected
    assert "TEST" not in text

    # The first invoice: amounts as the invoice has them, the mandate and the date it is collected.
    invoices = sorted(policy.documents, key=lambda d: d["number"])
    first = invoices[0]
    href = f"/api/policies/{policy.policy_id}/documents/{first['number']}"
    pdf = _pdf(gateway, href, clerk)
    text = _text(pdf)
    for expected in (
        "Premienota",
        first["number"],
        "€ 9,44",
        "Betalingskenmerk",
        f"MND-{held['number']}",
        "NL44 RABO 0123 4567 89",
        CREDITOR["creditor_id"],
        dutch_date(date.fromisoformat(first["due_date"])),
        "Verzekeringen Noord BV",
    ):
        assert expected in text, expected

    # Asked again, after the letterhead changed: the same bytes. A document of before the change
    # made only now carries the letterhead of its own day.
    renamed = gateway.put(url, json={**LETTERHEAD, "name": "Noord Assuradeuren"}, headers=clerk)
    assert renamed.status_code == 200
    again = gateway.get(href, headers=clerk)
    assert again.content == pdf
    assert again.headers["etag"] == gateway.get(href, headers=clerk).headers["etag"]
    later = _text(
        _pdf(gateway, f"/api/policies/{policy.policy_id}/documents/{invoices[1]['number']}", clerk)
    )
    assert "Verzekeringen Noord BV" in later and "Noord Assuradeuren" not in later
    made_at = {d["key"]: d["made_at"] for d in _documents(gateway, policy.policy_id, clerk)}
    assert made_at[first["number"]] is not None and made_at[invoices[2]["number"]] is None

    # The debtor item leads to the same document.
    items = eventually(
        lambda: gateway.get("/api/debtors/open-items", params={"limit": 50}, headers=books).json()[
            "items"
        ],
        lambda found: len(found) == 9,
        seconds=20,
    )
    item = next(i for i in items if i["reference"] == first["number"])
    led = gateway.get(f"/api/debtors/items/{item['id']}/document", headers=clerk)
    assert led.status_code == 303 and led.headers["location"] == href
    assert _pdf(gateway, f"/api/debtors/items/{item['id']}/document", clerk) == pdf

    # Unknown documents, and another tenant's, are not found.
    for wrong in ("schedule-99", "schedule-99999999999", "N9999999", "..%2Fx"):
        missing = gateway.get(f"/api/policies/{policy.policy_id}/documents/{wrong}", headers=clerk)
        assert missing.status_code in (400, 404), (wrong, missing.status_code)
    slug = f"t-{uuid.uuid4().hex[:12]}"
    assert operator.post("/api/identity/tenants", {"slug": slug, "name": "Ander"}).is_success
    assert gateway.get(href, headers=operator.headers(slug)).status_code == 404


def test_a_test_policy_s_documents_say_test_on_every_page(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    policy = accepted_policy(stack, gateway, keycloak, by, tenant, HOME_QUOTE, live=False)
    listed = _documents(gateway, policy.policy_id, policy.clerk)
    assert listed and all(d["test"] for d in listed)
    for document in (listed[0], listed[-1]):
        reader = PdfReader(io.BytesIO(_pdf(gateway, document["href"], policy.clerk)))
        assert all("TEST" in page.extract_text() for page in reader.pages)
