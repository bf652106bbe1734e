"""A service's copies of another's records, kept from a batch of events in one round trip, against
the real databases: a batch ends exactly as the same events handled one by one would, however
often a record recurs in it, and an event older than what is kept changes nothing."""

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from claims_service import read_models
from claims_service.tables import known_policies
from claims_service.tables import known_relations as claims_relations
from devstack.stack import Stack
from ledger_service import policy_payments, suggesting
from ledger_service.tables import known_relations as ledger_relations
from ledger_service.tables import policy_payments as payment_methods
from product_service.applications import follow_decisions
from product_service.tables import applications
from servicekit.db import Database
from servicekit.events import Event

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _event(tenant: str, kind: str, data: dict[str, Any], minutes: int = 0) -> Event:
    at = (AT + timedelta(minutes=minutes)).isoformat()
    return Event(str(uuid.uuid4()), kind, "policy", tenant, at, data)


def _policy(tenant: str, policy_id: str, status: str, minutes: int) -> Event:
    data = {
        "policy_id": policy_id,
        "number": f"P-{policy_id[:8]}",
        "status": status,
        "holder_id": str(uuid.UUID(int=1)),
        "product": {"code": "HOME", "version": 1},
        "insurer": {"code": "INS", "name": "Insurer"},
        "client_id": None,
        "start_date": "2026-11-01",
        "ends": None,
        "test": False,
        "timeline": [{"kind": "start", "at": minutes}],
        "payment_method": "direct_debit" if status == "active" else "transfer",
    }
    return _event(tenant, "policy.changed", data, minutes)


def _relation(tenant: str, relation_id: str, change: str, name: str) -> Event:
    relation = {"name": name, "iban": "NL91ABNA0417164300", "address": {"city": name}}
    data = {"relation_id": relation_id, "change": change, "relation": relation}
    return _event(tenant, "relation.changed", data)


def _for(tenant: str, events: list[Event]) -> list[Event]:
    """The same events, as another tenant's (each its own id)."""
    return [
        Event(str(uuid.uuid4()), e.type, e.source, tenant, e.occurred_at, e.data) for e in events
    ]


Handler = Callable[[Any, Event], Awaitable[None]]
BatchHandler = Callable[[Any, list[Event]], Awaitable[None]]


async def _kept(
    db: Database, events: list[Event], one: Handler, batch: BatchHandler, table: Any
) -> tuple[list[Any], list[Any]]:
    """The table's rows after `events` handled one by one (first tenant), and as one batch (the
    same events for a second tenant); the rows without their tenant, in the same order."""
    alone, together = events[0].tenant, f"t-{uuid.uuid4().hex[:8]}"
    assert alone is not None
    async with db.tenant_transaction(alone) as session:
        for event in events:
            await one(session, event)
    async with db.tenant_transaction(together) as session:
        await batch(session, _for(together, events))

    async def rows(tenant: str) -> list[Any]:
        async with db.tenant_transaction(tenant) as session:
            found = (await session.execute(select(table))).mappings().all()
        return sorted(
            ({k: v for k, v in row.items() if k != "tenant_id"} for row in found), key=str
        )

    return await rows(alone), await rows(together)


def test_claims_keeps_each_policy_as_its_newest_event_has_it(stack: Stack) -> None:
    async def run() -> None:
        db = Database(stack.database_url("claims"), pool_size=1)
        tenant = f"t-{uuid.uuid4().hex[:8]}"
        first, second = str(uuid.uuid4()), str(uuid.uuid4())
        try:
            # Distinct policy ids per tenant: the claims table is keyed by policy id alone.
            def events(a: str, b: str) -> list[Event]:
                return [
                    _policy(tenant, a, "active", 0),
                    _policy(tenant, b, "active", 1),
                    _policy(tenant, a, "cancelled", 5),
                    _policy(tenant, a, "suspended", 3),  # late, and older: changes nothing
                ]

            async with db.tenant_transaction(tenant) as session:
                await read_models.remember_policies(session, events(first, second))
            async with db.tenant_transaction(tenant) as session:
                kept = {
                    str(r.policy_id): r
                    for r in (await session.execute(select(known_policies))).all()
                }
            assert kept[first].status == "cancelled"
            assert kept[first].changed_at == AT + timedelta(minutes=5)
            assert kept[first].timeline == [{"kind": "start", "at": 5}]  # a list, kept as one
            assert kept[second].status == "active"
            # One by one, the same ending.
            third, fourth = str(uuid.uuid4()), str(uuid.uuid4())
            other = f"t-{uuid.uuid4().hex[:8]}"
            async with db.tenant_transaction(other) as session:
                for one in _for(other, events(third, fourth)):
                    await read_models.remember_policy(session, one)
            async with db.tenant_transaction(other) as session:
                alone = {
                    str(r.policy_id): r
                    for r in (await session.execute(select(known_policies))).all()
                }
            assert alone[third].status == kept[first].status
            assert alone[third].timeline == kept[first].timeline
            assert alone[fourth].status == kept[second].status
        finally:
            await db.engine.dispose()

    asyncio.run(run())


def test_claims_forgets_a_relation_withdrawn_in_the_same_batch(stack: Stack) -> None:
    async def run() -> None:
        db = Database(stack.database_url("claims"), pool_size=1)
        tenant = f"t-{uuid.uuid4().hex[:8]}"
        gone, renamed, back = (str(uuid.uuid4()) for _ in range(3))
        try:
            async with db.tenant_transaction(tenant) as session:
                await read_models.remember_relations(
                    session,
                    [
                        _relation(tenant, gone, "created", "Jansen"),
                        _relation(tenant, renamed, "created", "De Vries"),
                        _relation(tenant, gone, "withdrawn", "Jansen"),
                        _relation(tenant, renamed, "updated", "De Vries-Bakker"),
                        _relation(tenant, back, "withdrawn", "Bakker"),
                        _relation(tenant, back, "created", "Bakker"),
                    ],
                )
            async with db.tenant_transaction(tenant) as session:
                kept = {
                    str(r.relation_id): r.name
                    for r in (await session.execute(select(claims_relations))).all()
                }
            assert kept == {renamed: "De Vries-Bakker", back: "Bakker"}
        finally:
            await db.engine.dispose()

    asyncio.run(run())


def test_ledger_keeps_the_last_address_and_payment_method_as_one_by_one(stack: Stack) -> None:
    async def run() -> None:
        db = Database(stack.database_url("ledger"), pool_size=1)
        tenant = f"t-{uuid.uuid4().hex[:8]}"
        one, two = str(uuid.uuid4()), str(uuid.uuid4())
        policy = str(uuid.uuid4())
        try:
            relations = [
                _relation(tenant, one, "created", "Jansen"),
                _relation(tenant, two, "created", "Smit"),
                _relation(tenant, one, "updated", "Jansen-Visser"),
            ]
            alone, together = await _kept(
                db,
                relations,
                suggesting.remember_relation,
                suggesting.remember_relations,
                ledger_relations,
            )
            assert alone == together
            assert sorted(r["name"] for r in together) == ["Jansen-Visser", "Smit"]
            policies = [
                _policy(tenant, policy, "active", 0),  # direct debit
                _policy(tenant, policy, "cancelled", 1),  # then transfer
            ]
            alone, together = await _kept(
                db,
                policies,
                policy_payments.remember_payment_method,
                policy_payments.remember_payment_methods,
                payment_methods,
            )
            assert alone == together
            assert [r["method"] for r in together] == ["transfer"]
        finally:
            await db.engine.dispose()

    asyncio.run(run())


def test_product_applications_follow_a_batch_of_decisions(stack: Stack) -> None:
    async def run() -> None:
        db = Database(stack.database_url("product"), pool_size=1)
        tenant = f"t-{uuid.uuid4().hex[:8]}"
        accepted, rejected = str(uuid.uuid4()), str(uuid.uuid4())
        try:
            async with db.tenant_transaction(tenant) as session:
                for application_id in (accepted, rejected):
                    await session.execute(
                        applications.insert().values(
                            tenant_id=tenant,
                            id=application_id,
                            quote_id=str(uuid.uuid4()),
                            test=False,
                            review=True,
                            applicant={"name": "Jansen"},
                            start_date=AT.date(),
                            created_by="broker",
                            request_hash="h",
                        )
                    )

            def decided(application_id: str, status: str, number: str | None) -> Event:
                data = {
                    "application_id": application_id,
                    "status": status,
                    "policy_number": number,
                    "reason": None if number else "Outside our acceptance rules",
                }
                return _event(tenant, "application.decided", data)

            async with db.tenant_transaction(tenant) as session:
                await follow_decisions(
                    session,
                    [
                        decided(accepted, "accepted", "P0000001"),
                        decided(rejected, "rejected", None),
                    ],
                )
            async with db.tenant_transaction(tenant) as session:
                rows = (await session.execute(select(applications))).all()
            seen = {str(r.id): (r.status, r.policy_number, r.reason) for r in rows}
            assert seen == {
                accepted: ("accepted", "P0000001", None),
                rejected: ("rejected", None, "Outside our acceptance rules"),
            }
        finally:
            await db.engine.dispose()

    asyncio.run(run())
