"""Withdrawing the policy service's part of a portfolio import (ADR 0007,
`servicekit.import_part`): the import's policies with their first entries, and its relations
with their history, are removed, and each is announced (`policy.changed` with status
`withdrawn`, `relation.changed` with change `withdrawn`) so the read models elsewhere drop them.
Refused while anything happened to them since: a policy mutated, invoiced or no longer active,
a relation changed, or one that holds or advises what the import did not bring."""

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from policy_service.policies import policy_changed
from policy_service.relations import _fields
from policy_service.tables import (
    invoices,
    outbox,
    policies,
    policy_entries,
    relation_history,
    relations,
)
from servicekit.events import Event
from servicekit.import_part import MAX_BLOCKERS
from servicekit.outbox import add_events


async def blockers(session: AsyncSession, import_id: str) -> list[str]:
    found: list[str] = []
    for question in (_policies_touched, _relations_touched, _relations_used):
        found += await question(session, import_id)
        if len(found) >= MAX_BLOCKERS:
            break
    return found[:MAX_BLOCKERS]


async def _policies_touched(session: AsyncSession, import_id: str) -> list[str]:
    p, e, i = policies.c, policy_entries.c, invoices.c
    entries = select(func.count()).where(e.policy_id == p.id).scalar_subquery()
    invoiced = select(func.count()).where(i.policy_id == p.id).scalar_subquery()
    rows = (
        await session.execute(
            select(p.number, p.status, entries.label("entries"), invoiced.label("invoices"))
            .where(
                p.import_id == import_id, (entries > 1) | (invoiced > 0) | (p.status != "active")
            )
            .order_by(p.number)
            .limit(MAX_BLOCKERS)
        )
    ).all()
    return [
        f"policy {row.number}: "
        + (
            f"{row.status} since the import"
            if row.status != "active"
            else "invoiced since the import"
            if row.invoices
            else "changed since the import"
        )
        for row in rows
    ]


async def _relations_touched(session: AsyncSession, import_id: str) -> list[str]:
    r, h = relations.c, relation_history.c
    rows = (
        await session.execute(
            select(r.name)
            .where(r.import_id == import_id)
            .where(select(func.count()).where(h.relation_id == r.id).scalar_subquery() > 1)
            .order_by(r.name)
            .limit(MAX_BLOCKERS)
        )
    ).all()
    return [f"relation {row.name}: changed since the import" for row in rows]


async def _relations_used(session: AsyncSession, import_id: str) -> list[str]:
    """Relations of the import that a policy or relation from elsewhere refers to."""
    r, p = relations.c, policies.c
    other = relations.alias("other")
    holders = (
        await session.execute(
            select(r.name, p.number)
            .join(policies, p.holder_id == r.id)
            .where(r.import_id == import_id, p.import_id.is_distinct_from(import_id))
            .limit(MAX_BLOCKERS)
        )
    ).all()
    advised = (
        await session.execute(
            select(r.name, other.c.name.label("client"))
            .join(other, other.c.advisor_id == r.id)
            .where(r.import_id == import_id, other.c.import_id.is_distinct_from(import_id))
            .limit(MAX_BLOCKERS)
        )
    ).all()
    return [
        f"relation {row.name} holds policy {row.number}, which the import did not bring"
        for row in holders
    ] + [
        f"relation {row.name} advises {row.client}, whom the import did not bring"
        for row in advised
    ]


async def undo(session: AsyncSession, tenant: str, command: dict[str, Any]) -> dict[str, int]:
    import_id = str(command["import_id"])
    gone_policies = (
        await session.execute(select(policies).where(policies.c.import_id == import_id))
    ).all()
    gone_relations = (
        await session.execute(select(relations).where(relations.c.import_id == import_id))
    ).all()
    events = []
    for policy in gone_policies:
        event = policy_changed(policy, [])
        event.data["status"] = "withdrawn"
        events.append(event)
    events += [
        Event.new(
            "policy",
            "relation.changed",
            tenant,
            {"relation_id": str(r.id), "change": "withdrawn", "relation": _fields(r)},
        )
        for r in gone_relations
    ]
    mine = select(policies.c.id).where(policies.c.import_id == import_id)
    await session.execute(delete(policy_entries).where(policy_entries.c.policy_id.in_(mine)))
    await session.execute(delete(policies).where(policies.c.import_id == import_id))
    theirs = select(relations.c.id).where(relations.c.import_id == import_id)
    await session.execute(
        delete(relation_history).where(relation_history.c.relation_id.in_(theirs))
    )
    await session.execute(delete(relations).where(relations.c.import_id == import_id))
    await add_events(session, outbox, events)
    return {"policies": len(gone_policies), "relations": len(gone_relations)}
