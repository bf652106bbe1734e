"""A policy's number and its first invoice's are taken in one statement at acceptance, against the
real PostgreSQL: each sequence goes on where it was, whichever way its numbers are taken, and a
transaction that is undone gives its numbers back (gapless)."""

import asyncio
import uuid

from devstack.stack import Stack
from policy_service.numbers import reserve_numbers, reserve_several
from servicekit.db import Database


def test_several_sequences_in_one_statement_stay_gapless(stack: Stack) -> None:
    tenant = f"numbers-{uuid.uuid4().hex[:8]}"

    async def scenario() -> list[object]:
        db = Database(stack.migration_url("policy"), pool_size=1)
        taken: list[object] = []
        try:
            async with db.tenant_transaction(tenant) as session:
                taken.append(await reserve_several(session, tenant, {"policy": 1, "invoice": 2}))
            try:
                async with db.tenant_transaction(tenant) as session:
                    await reserve_several(session, tenant, {"policy": 1, "invoice": 1})
                    raise RuntimeError("the acceptance failed")
            except RuntimeError:
                pass
            async with db.tenant_transaction(tenant) as session:
                taken.append(await reserve_several(session, tenant, {"invoice": 1, "policy": 1}))
                taken.append(await reserve_numbers(session, tenant, "invoice", 2))
                taken.append(await reserve_several(session, tenant, {}))
        finally:
            await db.dispose()
        return taken

    first, second, alone, none = asyncio.run(scenario())
    assert first == {
        "policy": ["P0000001"],
        "invoice": ["INV0000001", "INV0000002"],
        "credit_note": [],
    }
    assert second == {"policy": ["P0000002"], "invoice": ["INV0000003"], "credit_note": []}
    assert alone == ["INV0000004", "INV0000005"]
    assert none == {"policy": [], "invoice": [], "credit_note": []}
