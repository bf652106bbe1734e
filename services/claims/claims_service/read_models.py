"""The claims service's own view of policies, relations and booked premium, kept from the policy
service's events (`policy.changed`, `relation.changed`, `invoice.issued` and its bundles), so
registering a claim or reporting a loss ratio never reads another service's database. Each event
is handled once (the inbox); an event older than what is kept for a policy changes nothing."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from claims_service.tables import booked_premiums, known_policies, known_relations
from servicekit.events import Event, latest_per, unbundled
from servicekit.rows import by_column, insert_columns


def _policy_row(event: Event) -> dict[str, Any]:
    data = event.data
    return {
        "tenant_id": event.tenant,
        "policy_id": data["policy_id"],
        "number": data["number"],
        "status": data["status"],
        "holder_id": data["holder_id"],
        "product_code": data["product"]["code"],
        "product_version": data["product"]["version"],
        "insurer": data["insurer"],
        "client_id": data["client_id"],
        "start_date": date.fromisoformat(data["start_date"]),
        "ends": date.fromisoformat(data["ends"]) if data["ends"] else None,
        "test": data["test"],
        "timeline": data["timeline"],
        "changed_at": datetime.fromisoformat(event.occurred_at),
        "import_id": data.get("import_id"),
    }


# Each statement the same whatever the batch's count (each column of all rows one array): a
# multi-row VALUES is a statement of its own for each count, parsed and planned again.
_POLICY_COLUMNS = [c.name for c in known_policies.c]
_KEEP_POLICY = insert_columns(known_policies, _POLICY_COLUMNS)
_KEEP_POLICY = _KEEP_POLICY.on_conflict_do_update(
    index_elements=["policy_id"],
    set_={
        name: _KEEP_POLICY.excluded[name]
        for name in known_policies.c.keys()
        if name not in ("tenant_id", "policy_id")
    },
    # An event older than what is kept changes nothing.
    where=known_policies.c.changed_at <= _KEEP_POLICY.excluded.changed_at,
)


async def remember_policy(session: AsyncSession, event: Event) -> None:
    await remember_policies(session, [event])


async def remember_policies(session: AsyncSession, events: list[Event]) -> None:
    """`policy.changed`: each policy as its newest event has it, in one round trip."""
    by_time = sorted(events, key=lambda e: datetime.fromisoformat(e.occurred_at))
    newest = latest_per(by_time, lambda e: e.data["policy_id"])  # the last of a tie wins
    rows = [_policy_row(e) for e in newest]
    await session.execute(_KEEP_POLICY, by_column(rows, _POLICY_COLUMNS))


_RELATION_COLUMNS = [c.name for c in known_relations.c]
_KEEP_RELATION = insert_columns(known_relations, _RELATION_COLUMNS)
_KEEP_RELATION = _KEEP_RELATION.on_conflict_do_update(
    index_elements=["relation_id"],
    set_={name: _KEEP_RELATION.excluded[name] for name in ("name", "iban", "relation")},
)


async def remember_relation(session: AsyncSession, event: Event) -> None:
    await remember_relations(session, [event])


async def remember_relations(session: AsyncSession, events: list[Event]) -> None:
    """`relation.changed`: each relation as its last event has it, in one round trip for those
    kept and one for those withdrawn (their import was: no claimant any more)."""
    last = latest_per(events, lambda e: e.data["relation_id"])
    gone = [e.data["relation_id"] for e in last if e.data["change"] == "withdrawn"]
    if gone:
        await session.execute(
            delete(known_relations).where(known_relations.c.relation_id.in_(gone))
        )
    kept = [
        {
            "tenant_id": e.tenant,
            "relation_id": e.data["relation_id"],
            "name": e.data["relation"]["name"],
            "iban": e.data["relation"].get("iban"),
            "relation": e.data["relation"],
        }
        for e in last
        if e.data["change"] != "withdrawn"
    ]
    if kept:
        await session.execute(_KEEP_RELATION, by_column(kept, _RELATION_COLUMNS))


_PREMIUM_COLUMNS = [c.name for c in booked_premiums.c]
_RECORD_PREMIUMS = insert_columns(booked_premiums, _PREMIUM_COLUMNS).on_conflict_do_nothing()


async def record_premium(session: AsyncSession, event: Event) -> None:
    await record_premiums(session, [event])


async def record_premium_bundle(session: AsyncSession, event: Event) -> None:
    await record_premium_bundles(session, [event])


async def record_premium_bundles(session: AsyncSession, events: list[Event]) -> None:
    """`invoices.issued`: a renewal run's documents, a hundred to an event."""
    await record_premiums(session, unbundled(events, "invoices", "invoice.issued"))


async def record_premiums(session: AsyncSession, events: list[Event]) -> None:
    """Premium booked on policies, net of tax (a credit note counts negative), in one insert;
    test policies' documents are no premium."""
    rows = [
        {
            "tenant_id": event.tenant,
            "invoice_id": event.data["invoice_id"],
            "policy_id": event.data["policy_id"],
            "issue_date": date.fromisoformat(event.data["issue_date"]),
            "net": Decimal(event.data["net"]) * (1 if event.data["kind"] == "invoice" else -1),
        }
        for event in events
        if not event.data["test"]
    ]
    if rows:
        await session.execute(_RECORD_PREMIUMS, by_column(rows, _PREMIUM_COLUMNS))


async def known_relation(session: AsyncSession, relation_id: str) -> Any | None:
    """The relation as the claims service knows it (name, IBAN, the whole record), or None."""
    found = select(known_relations).where(known_relations.c.relation_id == relation_id)
    return (await session.execute(found)).first()
