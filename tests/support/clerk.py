"""What the clerk's browser tests start from: the example product live, an application that
arrived through the public API in the policy department's queue, and amounts as the portal
writes them."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx

from devstack.stack import Stack
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.products import APPLICANT, HOME_QUOTE, auth, published_home
from tests.support.tenants import Person, create_login
from tests.support.waiting import eventually


def quote_from(start: date, **changes: Any) -> dict[str, Any]:
    """The README's home quote, yearly, starting on `start` (tests run on any date)."""
    return {**HOME_QUOTE, "frequency": "annual", "start_date": start.isoformat(), **changes}


@dataclass
class Queue:
    clerk: Person
    broker: dict[str, str]
    application_id: str


def applied_publicly(
    stack: Stack,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    by: dict[str, str],
    tenant: str,
    applicant: dict[str, Any] | None = None,
) -> Queue:
    """A broker's client quotes and applies today; the application waits in the queue of a
    new policy clerk."""
    broker = published_home(stack, gateway, keycloak, by, tenant)
    clerk = create_login(gateway, keycloak, by, tenant, {"protocols": ["policy-clerk"]})
    quoted = gateway.post("/public/v1/quotes", json=quote_from(date.today()), headers=auth(broker))
    assert quoted.status_code == 201, quoted.text
    applied = gateway.post(
        "/public/v1/applications",
        json={"quote_id": quoted.json()["id"], "applicant": applicant or APPLICANT},
        headers=auth(broker),
    )
    assert applied.status_code == 201, applied.text
    application_id = applied.json()["id"]
    queue = eventually(
        lambda: gateway.get("/api/policies/applications", headers=clerk.headers()).json(),
        lambda found: any(a["id"] == application_id for a in found["items"]),
    )
    assert any(a["id"] == application_id for a in queue["items"]), "never reached the queue"
    return Queue(clerk, broker, application_id)


def dutch_euros(amount: str) -> str:
    """`1234.5` → `€ 1.234,50`, as the portal writes amounts in Dutch (a no-break space)."""
    value = Decimal(amount).quantize(Decimal("0.01"))
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):,.2f}".split(".")
    return f"€\xa0{sign}{whole.replace(',', '.')},{cents}"


def days_from_today(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()
