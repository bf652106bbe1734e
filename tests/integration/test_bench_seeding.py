"""The bench's helpers that write straight into the services' databases (`make bench` only, so
otherwise nothing would run them) at a tiny size against the real migrated ledger and policy
databases: their statements are built from the services' `tables.py` (`devstack.bench_sql`), so
a column renamed by a migration and in `tables.py` fails here, in `make test`, instead of in the
next bench run."""

import asyncio
import random
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

import asyncpg
import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from devstack.bench_collections import seed_direct_debit
from devstack.bench_ledger import (
    invoice_events,
    plain_inserts,
    plan_relations,
    policy_dsn,
    seed_open_items,
    write_policy_outbox,
)
from devstack.bench_policies import copy_policy
from devstack.postgres import Postgres
from ledger_service.chart import open_chart_for_new_tenant
from ledger_service.tables import (
    journal_entries,
    journal_lines,
    known_relations,
    mandates,
    open_items,
    policy_payments,
)
from policy_service.tables import outbox, policies, policy_entries, relations
from servicekit.db import Database
from servicekit.events import Event
from servicekit.migrations import upgrade


@pytest.fixture(scope="module")
def migrated(postgres: Postgres) -> Postgres:
    for service in ("ledger", "policy"):
        upgrade(f"{service}_service", postgres.url(service, service, service))
    return postgres


@asynccontextmanager
async def _tenant(postgres: Postgres, service: str, tenant: str) -> AsyncIterator[AsyncSession]:
    db = Database(postgres.url(service, service, service), pool_size=1)
    try:
        async with db.tenant_transaction(tenant) as session:
            yield session
    finally:
        await db.engine.dispose()


async def _count(postgres: Postgres, service: str, tenant: str, *wheres: Any) -> list[int]:
    async with _tenant(postgres, service, tenant) as session:
        return [int(await session.scalar(select(func.count()).where(w)) or 0) for w in wheres]


async def _with_chart(postgres: Postgres) -> str:
    tenant = f"bench-{uuid.uuid4().hex[:8]}"
    async with _tenant(postgres, "ledger", tenant) as session:
        await open_chart_for_new_tenant(
            session, Event.new("identity", "tenant.registered", tenant, {})
        )
    return tenant


def test_open_items_are_seeded_as_the_suggestions_bench_seeds_them(migrated: Postgres) -> None:
    tenant = asyncio.run(_with_chart(migrated))
    planned = plan_relations(random.Random(7), relations=4, items=12)
    asyncio.run(seed_open_items(migrated, tenant, planned))
    counted = asyncio.run(
        _count(
            migrated,
            "ledger",
            tenant,
            known_relations.c.tenant_id == tenant,
            journal_entries.c.source == "opening",
            journal_lines.c.tenant_id == tenant,
            open_items.c.ledger == "debtors",
        )
    )
    assert counted == [4, 4, 8, 12]


def test_mandates_and_payment_methods_are_seeded_as_the_collection_bench_seeds_them(
    migrated: Postgres,
) -> None:
    tenant = asyncio.run(_with_chart(migrated))
    planned = plan_relations(random.Random(8), relations=4, items=12)
    asyncio.run(seed_direct_debit(migrated, tenant, planned))
    policies_planned = sum(len(r.policies) for r in planned)
    counted = asyncio.run(
        _count(
            migrated,
            "ledger",
            tenant,
            mandates.c.status == "active",
            policy_payments.c.method == "direct_debit",
        )
    )
    assert counted == [4, policies_planned]


def test_the_booking_baseline_writes_what_booking_writes(migrated: Postgres) -> None:
    tenant = asyncio.run(_with_chart(migrated))
    events = invoice_events(tenant, 3)
    asyncio.run(plain_inserts(migrated, tenant, events))
    entries, creditors = asyncio.run(
        _count(
            migrated,
            "ledger",
            tenant,
            journal_entries.c.source == "premium",
            open_items.c.ledger == "creditors",
        )
    )
    assert (entries, creditors) == (3, 3)


def test_invoices_are_written_into_the_policy_services_outbox(migrated: Postgres) -> None:
    tenant = f"bench-{uuid.uuid4().hex[:8]}"

    async def write() -> None:
        conn = await asyncpg.connect(policy_dsn(migrated))
        try:
            await write_policy_outbox(conn, invoice_events(tenant, 2))
        finally:
            await conn.close()

    asyncio.run(write())
    # The outbox has no tenant policy (ADR 0001): counted as the relay sees it.
    [written] = asyncio.run(_count(migrated, "policy", tenant, outbox.c.tenant_id == tenant))
    assert written == 2


async def _template_policy(postgres: Postgres, tenant: str) -> str:
    holder, policy = str(uuid.uuid4()), str(uuid.uuid4())
    today = date.today()
    async with _tenant(postgres, "policy", tenant) as session:
        await session.execute(
            insert(relations).values(
                tenant_id=tenant,
                id=holder,
                kind="person",
                name="J. de Vries",
                street="Damrak",
                house_number=1,
                postcode="1012 LG",
                city="Amsterdam",
                country="NL",
                roles=["policyholder"],
                created_by="bench",
            )
        )
        await session.execute(
            insert(policies).values(
                tenant_id=tenant,
                id=policy,
                number="P0000001",
                holder_id=holder,
                product_code="HOME",
                product_version=1,
                insurer={"code": "VVNV", "name": "Voorbeeld Verzekeringen N.V."},
                channel="office",
                start_date=today,
                term_start=today,
                renewal_date=today,
                billed_until=today,
                commission_rate="0.2000",
                test=False,
                created_by="bench",
            )
        )
        await session.execute(
            insert(policy_entries).values(
                tenant_id=tenant,
                policy_id=policy,
                seq=1,
                kind="start",
                effective_date=today,
                changes={},
                state={},
                entered_by="bench",
            )
        )
    return policy


def test_a_policy_is_copied_with_its_timeline(migrated: Postgres) -> None:
    tenant = f"bench-{uuid.uuid4().hex[:8]}"
    template = asyncio.run(_template_policy(migrated, tenant))
    asyncio.run(copy_policy(migrated, tenant, template, 3, "T"))
    copies, timelines = asyncio.run(
        _count(
            migrated,
            "policy",
            tenant,
            policies.c.number.like("T%"),
            policy_entries.c.policy_id != template,
        )
    )
    assert (copies, timelines) == (3, 3)
