"""Loading the policy service's part of a portfolio import (ADR 0007): relations and policies
from the imports service's `import.batch` commands, a batch in one transaction with its inbox
row, so a batch is loaded once whatever is redelivered. The ids come with the rows (fixed by
the imports service), so the ledger and the claims service can refer to what is loaded here
without asking. A policy keeps the old system's number as its external reference, gets a number
of this tenant, and is invoiced by the renewal run only from `invoiced_until` on. Each loaded
batch is answered with `import.batch.loaded` (counts and the annual premium as rated here)."""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from policy_service.billing import term_of
from policy_service.numbers import reserve_numbers
from policy_service.policies import policy_changed
from policy_service.relations import _fields
from policy_service.renewals import remember_tenant
from policy_service.tables import outbox, policies, policy_entries, relation_history, relations
from policy_service.timeline import causes_covered, entries_for, in_cover
from servicekit.context_token import RequestContext
from servicekit.events import Event
from servicekit.money import money
from servicekit.outbox import add_event, add_events

KINDS = ("relations", "policies")
INSTALMENTS = {"annual": 1, "quarterly": 4, "monthly": 12}
RELATION_COLUMNS = (
    "kind",
    "name",
    "date_of_birth",
    "coc_number",
    "email",
    "phone",
    "iban",
    "street",
    "house_number",
    "house_number_addition",
    "postcode",
    "city",
    "country",
    "roles",
)


async def load_batch(session: AsyncSession, event: Event) -> None:
    """Consumer of `events.imports.import.batch` for the kinds this service owns."""
    data = event.data
    if data["kind"] not in KINDS:
        return
    assert event.tenant
    ctx = RequestContext(
        subject=f"import:{data['import_id']}",
        username=f"import {data['number']}",
        tenant=event.tenant,
        acting_as="import",
        request_id=event.id,
    )
    totals: dict[str, Decimal] = {}
    assigned: dict[str, Any] = {}
    if data["kind"] == "relations":
        loaded = await _relations(session, ctx, data)
    else:
        loaded, totals = await _policies(session, ctx, data)
        assigned = await _assigned(session, data)
    answer = {
        "import_id": data["import_id"],
        "kind": data["kind"],
        "batch": data["batch"],
        "loaded": loaded,
        "totals": {name: money(amount) for name, amount in totals.items()},
        **({"assigned": assigned} if assigned else {}),
    }
    await add_event(
        session, outbox, Event.new("policy", "import.batch.loaded", event.tenant, answer)
    )


async def _relations(session: AsyncSession, ctx: RequestContext, data: dict[str, Any]) -> int:
    rows = [
        {
            "tenant_id": ctx.tenant,
            "id": row["id"],
            "external_ref": row["ref"],
            "import_id": data["import_id"],
            "advisor_id": row.get("advisor_id"),
            "created_by": ctx.subject,
            **{c: row.get(c) for c in RELATION_COLUMNS},
            "date_of_birth": _day(row.get("date_of_birth")),
        }
        for row in data["rows"]
    ]
    # Many rows to one statement compiled once (insertmanyvalues), not a VALUES list compiled
    # anew for every batch.
    inserted = (
        await session.execute(
            insert(relations).on_conflict_do_nothing().returning(relations.c.id), rows
        )
    ).scalars()
    new = set(map(str, inserted))
    stored = (await session.execute(select(relations).where(relations.c.id.in_(new)))).all()
    # As `relations._record` keeps a relation's creation, for the whole batch in two statements.
    made = [(str(row.id), _fields(row)) for row in stored]
    if made:
        await session.execute(
            insert(relation_history),
            [
                {
                    "tenant_id": ctx.tenant,
                    "relation_id": relation_id,
                    "actor": ctx.subject,
                    "actor_name": ctx.username,
                    "change": "created",
                    "before": None,
                    "after": fields,
                }
                for relation_id, fields in made
            ],
        )
    assert ctx.tenant
    await add_events(
        session,
        outbox,
        [
            Event.new(
                "policy",
                "relation.changed",
                ctx.tenant,
                {"relation_id": relation_id, "change": "created", "relation": fields},
            )
            for relation_id, fields in made
        ],
    )
    return len(rows)


async def _policies(
    session: AsyncSession, ctx: RequestContext, data: dict[str, Any]
) -> tuple[int, dict[str, Decimal]]:
    assert ctx.tenant
    wanted = [row["id"] for row in data["rows"]]
    present = set(
        map(
            str,
            (
                await session.execute(select(policies.c.id).where(policies.c.id.in_(wanted)))
            ).scalars(),
        )
    )
    new = [row for row in data["rows"] if row["id"] not in present]
    if new:
        numbers = await reserve_numbers(session, ctx.tenant, "policy", len(new))
        cut_off = date.fromisoformat(data["cut_off"])
        made = [
            _policy_rows(ctx, data, row, number, cut_off)
            for row, number in zip(new, numbers, strict=True)
        ]
        # The batch's policies and their first entries in two statements, not two per policy.
        await session.execute(insert(policies), [policy for policy, _ in made])
        await session.execute(insert(policy_entries), [entry for _, entry in made])
        await remember_tenant(session, ctx.tenant)
        entries = await entries_for(session, [row["id"] for row in new])
        stored = await session.execute(
            select(policies).where(policies.c.id.in_([row["id"] for row in new]))
        )
        mandates = await _mandates_taken_over(session, new, data["import_id"])
        await add_events(
            session,
            outbox,
            [
                policy_changed(policy, entries.get(str(policy.id), []), mandates[str(policy.id)])
                for policy in stored
            ],
        )
    annual = sum(
        (
            Decimal(row["rating"]["premium"]["total"])
            * INSTALMENTS[row["rating"]["premium"]["frequency"]]
            for row in data["rows"]
        ),
        Decimal("0.00"),
    )
    return len(data["rows"]), {"annual_premium": annual}


async def _mandates_taken_over(
    session: AsyncSession, rows: list[dict[str, Any]], import_id: str
) -> dict[str, dict[str, Any] | None]:
    """Per new policy, the holder's mandate its row brought along, for the ledger to keep (in the
    policy's first event, as a mandate given with an application is)."""
    holders = {row["holder_id"] for row in rows if row.get("mandate")}
    names = {}
    if holders:
        found = await session.execute(
            select(relations.c.id, relations.c.name).where(relations.c.id.in_(holders))
        )
        names = {str(r.id): r.name for r in found}
    return {
        row["id"]: {
            **row["mandate"],
            "debtor_name": names[row["holder_id"]][:70],  # the SEPA limit
            "import_id": import_id,
        }
        if row.get("mandate")
        else None
        for row in rows
    }


def _policy_rows(
    ctx: RequestContext, data: dict[str, Any], row: dict[str, Any], number: str, cut_off: date
) -> tuple[dict[str, Any], dict[str, Any]]:
    """One policy and its first timeline entry, rated as the imports service asked it rated."""
    start = date.fromisoformat(row["start_date"])
    term_start, renewal = term_of(start, max(cut_off, start))
    rating = row["rating"]
    state = {
        "risk": row["risk"],
        "coverages": row["coverages"],
        "frequency": row["frequency"],
        "address": None,
    }
    policy = {
        "tenant_id": ctx.tenant,
        "id": row["id"],
        "number": number,
        "holder_id": row["holder_id"],
        "product_code": row["product_code"],
        "product_version": row["product_version"],
        "insurer": rating["insurer"],
        "channel": "import",
        "start_date": start,
        "term_start": term_start,
        "renewal_date": renewal,
        "billed_until": date.fromisoformat(row["invoiced_until"]),
        "commission_rate": rating["commission_rate"],
        "test": False,
        "created_by": ctx.subject,
        "external_ref": row["ref"],
        "import_id": data["import_id"],
        "payment_method": row.get("payment_method", "transfer"),
    }
    entry = {
        "tenant_id": ctx.tenant,
        "policy_id": row["id"],
        "seq": 1,
        "kind": "start",
        "effective_date": start,
        "changes": state,
        "state": state,
        "rating": rating,
        "note": f"taken over from {data['source_system']} as {row['ref']}",
        "entered_by": ctx.username,
    }
    return policy, entry


async def _assigned(session: AsyncSession, data: dict[str, Any]) -> dict[str, Any]:
    """Per policy reference, the policy as loaded here: what a claim on it is registered with
    (its number is this tenant's, its timeline what the claims service reads of it)."""
    rows = {row["id"]: row for row in data["rows"]}
    stored = await session.execute(
        select(policies.c.id, policies.c.number).where(policies.c.id.in_(list(rows)))
    )
    found = {}
    for policy_id, number in stored:
        row = rows[str(policy_id)]
        rating = row["rating"]
        found[row["ref"]] = {
            "id": row["id"],
            "number": number,
            "holder_id": row["holder_id"],
            "product_code": row["product_code"],
            "insurer": rating["insurer"],
            "start_date": row["start_date"],
            "timeline": [
                {
                    "from": row["start_date"],
                    "coverages": in_cover(rating),
                    "causes": causes_covered(rating),
                }
            ],
        }
    return found


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
