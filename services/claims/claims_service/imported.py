"""Loading the claims service's part of a portfolio import (ADR 0007): open claims from the
imports service's `import.batch` commands, each batch once (the consumer's inbox keeps it to one
transaction, and a claim's id is fixed by the imports service). A command row carries the policy
as the policy service loaded it (number, holder, insurer, timeline), so a claim never waits for
this service's read model of the policy. The coverage follows the product's causes as at a
registration (`cover.choose_coverage`); a loss the policy does not cover as loaded is taken over
marked outside cover, with the reason, since the old system accepted it. An open claim is in
treatment, with its reserve and what was paid before the cut-off."""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from claims_service.cover import choose_coverage
from claims_service.tables import claim_history, claims, outbox
from claims_service.treatment import record_reserve
from servicekit.context_token import RequestContext
from servicekit.events import Event
from servicekit.money import money
from servicekit.numbers import reserve_numbers
from servicekit.outbox import add_event

ZERO = Decimal("0.00")


async def load_batch(session: AsyncSession, event: Event) -> None:
    """Consumer of `events.imports.import.batch` for open claims."""
    data = event.data
    if data["kind"] != "claims":
        return
    assert event.tenant
    ctx = RequestContext(
        subject=f"import:{data['import_id']}",
        username=f"import {data['number']}",
        tenant=event.tenant,
        acting_as="import",
        request_id=event.id,
    )
    ids = [row["id"] for row in data["rows"]]
    present = set(
        map(str, (await session.execute(select(claims.c.id).where(claims.c.id.in_(ids)))).scalars())
    )
    new = [row for row in data["rows"] if row["id"] not in present]
    numbers = await reserve_numbers(session, event.tenant, "claim", "C", len(new))
    for row, number in zip(new, numbers, strict=True):
        await _take_over(session, ctx, data, row, number)
    totals = {
        "reserve": sum((Decimal(r["reserve"]) for r in data["rows"]), ZERO),
        "paid_to_date": sum((Decimal(r["paid_to_date"]) for r in data["rows"]), ZERO),
    }
    answer = {
        "import_id": data["import_id"],
        "kind": "claims",
        "batch": data["batch"],
        "loaded": len(data["rows"]),
        "totals": {n: money(a) for n, a in totals.items()},
    }
    await add_event(
        session, outbox, Event.new("claims", "import.batch.loaded", event.tenant, answer)
    )


async def _take_over(
    session: AsyncSession,
    ctx: RequestContext,
    data: dict[str, Any],
    row: dict[str, Any],
    number: str,
) -> None:
    policy = row["policy"]
    loss = date.fromisoformat(row["loss_date"])
    choice = choose_coverage(
        date.fromisoformat(policy["start_date"]), None, policy["timeline"], loss, row["cause"], None
    )
    coverage = choice.coverage or (choice.options[0] if choice.options else "none")
    outside = None
    if choice.gap is not None:
        outside = f"taken over: {choice.gap.reason}"
    elif choice.coverage is None:
        outside = f"taken over: several coverages could pay, {coverage} taken"
    await session.execute(
        insert(claims).values(
            tenant_id=ctx.tenant,
            id=row["id"],
            number=number,
            policy_id=policy["id"],
            policy_number=policy["number"],
            product_code=policy["product_code"],
            insurer=policy["insurer"],
            holder_id=policy["holder_id"],
            claimant_id=row.get("claimant_id") or policy["holder_id"],
            coverage=coverage,
            loss_date=loss,
            cause=row["cause"],
            description=row.get("description") or row["ref"],
            estimate=Decimal(row["reserve"]) + Decimal(row["paid_to_date"]),
            status="in_treatment",
            outside_cover=outside is not None,
            outside_cover_reason=outside,
            test=False,
            reserve=ZERO,
            paid=Decimal(row["paid_to_date"]),
            reported_by=ctx.username,
            import_id=data["import_id"],
        )
    )
    note = f"taken over from {data['source_system']} as {row['ref']}"
    await session.execute(
        insert(claim_history).values(
            tenant_id=ctx.tenant,
            claim_id=row["id"],
            kind="registered",
            to_status="in_treatment",
            note=note,
            by=ctx.username,
        )
    )
    stored = (await session.execute(select(claims).where(claims.c.id == row["id"]))).one()
    await record_reserve(session, ctx, stored, Decimal(row["reserve"]), note)
