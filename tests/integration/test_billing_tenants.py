"""The renewal run bills the tenants that have policies (`billing_tenants`); each acceptance says
so, and a process writes the row only until it has seen it committed. Against the real
PostgreSQL: a tenant whose acceptance was undone is not remembered, and is written again by the
next acceptance, which commits."""

import asyncio
import uuid

from sqlalchemy import select

from devstack.stack import Stack
from policy_service.renewals import remember_tenant
from policy_service.tables import billing_tenants
from servicekit.db import Database


def test_a_tenant_is_billed_once_an_acceptance_of_it_committed(stack: Stack) -> None:
    tenant = f"billed-{uuid.uuid4().hex[:8]}"

    async def scenario() -> tuple[bool, bool]:
        db = Database(stack.migration_url("policy"), pool_size=1)
        known = select(billing_tenants).where(billing_tenants.c.slug == tenant)
        try:
            try:
                async with db.tenant_transaction(tenant) as session:
                    await remember_tenant(session, tenant)
                    raise RuntimeError("the acceptance failed")
            except RuntimeError:
                pass
            async with db.system_transaction() as session:
                after_undone = (await session.execute(known)).first() is not None
            async with db.tenant_transaction(tenant) as session:
                await remember_tenant(session, tenant)
            async with db.system_transaction() as session:
                after_commit = (await session.execute(known)).first() is not None
        finally:
            await db.dispose()
        return after_undone, after_commit

    after_undone, after_commit = asyncio.run(scenario())
    assert not after_undone
    assert after_commit, "the tenant was not written again after the undone acceptance"
