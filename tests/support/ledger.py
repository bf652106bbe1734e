"""Ledger tests against the real ledger database, without the gateway: a tenant with its chart,
the request context of one of its bookkeepers, and premium documents as the policy service
publishes them."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import asyncpg

from devstack.stack import Stack
from ledger_service.chart import open_chart_for_new_tenant
from servicekit.context_token import RequestContext
from servicekit.db import Database
from servicekit.events import Event

D = Decimal


@dataclass
class Books:
    db: Database
    tenant: str
    ctx: RequestContext


@asynccontextmanager
async def ledger_books(stack: Stack, prefix: str = "l") -> AsyncIterator[Books]:
    """A new tenant in the ledger database with its default chart of accounts."""
    db = Database(stack.database_url("ledger"), pool_size=2)
    tenant = f"{prefix}-{uuid.uuid4().hex[:10]}"
    ctx = RequestContext(
        subject=prefix, username="bookkeeper", tenant=tenant, acting_as="employee", request_id="r"
    )
    try:
        async with db.tenant_transaction(tenant) as session:
            await open_chart_for_new_tenant(
                session, Event.new("identity", "tenant.registered", tenant, {})
            )
        yield Books(db, tenant, ctx)
    finally:
        await db.engine.dispose()


def premium_document(
    tenant: str,
    n: int,
    total: Decimal,
    *,
    holder: str = "holder-1",
    credit: bool = False,
    issued: str = "2026-11-01",
    insurer: tuple[str, str] = ("INS", "Insurer"),
) -> Event:
    """`invoice.issued` for a document of `total` with 21 % tax and 20 % commission."""
    tax = (total * D("0.21") / D("1.21")).quantize(D("0.01"))
    net = total - tax
    commission = (net * D("0.2")).quantize(D("0.01"))
    data: dict[str, Any] = {
        "invoice_id": str(uuid.uuid4()),
        "number": f"{'CN' if credit else 'INV'}{n:07d}",
        "kind": "credit_note" if credit else "invoice",
        "policy_id": str(uuid.uuid4()),
        "policy_number": f"P{n:07d}",
        "holder_id": holder,
        "insurer": {"code": insurer[0], "name": insurer[1]},
        "client_id": None,
        "reason": "start",
        "period": {"start": "2026-01-01", "end": "2027-01-01"},
        "issue_date": issued,
        "due_date": issued,
        "currency": "EUR",
        "net": str(net),
        "commission": str(commission),
        "tax": str(tax),
        "total": str(total),
        "lines": [],
        "test": False,
    }
    return Event.new("policy", "invoice.issued", tenant, data)


async def waiting_on_a_lock(stack: Stack) -> bool:
    """Whether a transaction in the ledger database waits for another's lock (a row, an
    advisory lock, a unique key being inserted): what two writers at once should come to."""
    conn = await asyncpg.connect(stack.postgres.superuser_dsn("ledger"))
    try:
        waiting = await conn.fetchval(
            "select count(*) from pg_stat_activity where datname = 'ledger'"
            " and wait_event_type = 'Lock'"
        )
    finally:
        await conn.close()
    return bool(waiting)
