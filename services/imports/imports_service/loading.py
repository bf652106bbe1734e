"""The load of a committed import (ADR 0007). A job sends the staged rows, kind by kind in the
order of `conversion.KINDS`, as `import.batch` commands through the outbox to the service that
owns them, recording each batch; the service loads a batch once and answers
`import.batch.loaded`, which this service records; when every batch is answered the import is
loaded, and its report shows what the services hold beside what the manifest states.

Ids are fixed here (UUID v5 of tenant, kind and key), so a relation's id is known to the policy
service that makes it and to whoever refers to it, without asking. A job that stops halfway is
run again and sends only the batches not sent yet; a batch delivered twice is loaded once."""

import asyncio
import time
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from imports_service.cross_checks import COMMITTED_SQL
from imports_service.lookups import ask_patiently, staged
from imports_service.tables import import_batches, imports, outbox
from servicekit import messaging
from servicekit.db import Database
from servicekit.events import Event
from servicekit.jobs import Job, Progress
from servicekit.outbox import add_event
from servicekit.request_reply import PRODUCT_IMPORT_CHECK

KIND = "load"
# What the services load so far; a package holding other kinds is not committed yet.
LOADABLE = ("relations", "policies", "debtor_items", "creditor_items", "opening_balances", "claims")
# A kind is sent once the kinds its rows refer to are loaded: a policy names its holder, which
# must be in the policy service's books first (a batch of relations redelivered late, after a
# crash of that service, would otherwise come after the policies that need it), and a claim the
# policy as loaded. Open items name relations by their fixed ids only.
AFTER = {"policies": "relations", "claims": "policies"}
LOADED_WITHIN = 3600  # seconds a load waits for the kind before
BATCH = 200
# The opening balances are one entry when they fit one batch (a chart of up to 2,000 accounts;
# a larger one is booked in entries of 2,000, each balanced on the clearing account).
BATCH_OF = {"opening_balances": 2_000}
NAMESPACE = uuid.UUID("6f1c3a52-1d0e-4f3b-9c57-0b9a4e8d2f61")
TERM_MONTHS = 12


def fixed_id(tenant: str, kind: str, key: str) -> str:
    """The id the owning service gives the row: the same for everyone who refers to it."""
    return str(uuid.uuid5(NAMESPACE, f"{tenant}/{kind}/{key}"))


def term_start(start: date, day: date) -> date:
    """The start of the yearly term (counted from the policy's start) that holds `day`."""
    years = max(day.year - start.year, 0)
    while years > 0 and _years_on(start, years) > day:
        years -= 1
    return _years_on(start, years)


def _years_on(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February in a year without one
        return start.replace(year=start.year + years, day=28)


async def run_load(db: Database, job: Job, progress: Progress) -> dict[str, Any]:
    from imports_service.settings import settings  # the service's own, in the job's process

    tenant, import_id = job.tenant, str(job.params["import_id"])
    async with db.tenant_transaction(tenant) as session:
        row = (await session.execute(select(imports).where(imports.c.id == import_id))).one()
        counts = dict(
            (
                await session.execute(
                    select(import_batches.c.kind, func.count())
                    .where(import_batches.c.import_id == import_id)
                    .group_by(import_batches.c.kind)
                )
            ).all()
        )
    header = {
        "import_id": import_id,
        "number": row.number,
        "cut_off": row.cut_off.isoformat(),
        "source_system": row.source_system,
    }
    kinds = [k for k in LOADABLE if k in (row.report or {}).get("kinds", {})]
    total = sum(_batches(k, row.report["kinds"][k]["package"]["valid"]) for k in kinds)
    nc = await messaging.connect(settings.nats_url, "imports-load", ca_file=settings.nats_ca_file)
    sent = 0
    try:
        for kind in kinds:
            if kind in AFTER:
                await _loaded(db, tenant, import_id, AFTER[kind])
            number = 0
            async for batch in staged(db, tenant, import_id, kind, BATCH_OF.get(kind, BATCH)):
                number += 1
                sent += 1
                if number <= counts.get(kind, 0):
                    continue  # sent before this job was run again
                rows = await _command_rows(nc, db, tenant, import_id, kind, batch, row.cut_off)
                data = header | {"kind": kind, "batch": number, "rows": rows}
                async with db.tenant_transaction(tenant) as session:
                    await session.execute(
                        insert(import_batches).values(
                            tenant_id=tenant,
                            import_id=import_id,
                            kind=kind,
                            batch=number,
                            rows=len(rows),
                        )
                    )
                    await add_event(
                        session, outbox, Event.new("imports", "import.batch", tenant, data)
                    )
                await progress(sent, total)
    finally:
        await nc.close()
    async with db.tenant_transaction(tenant) as session:
        await session.execute(
            update(imports).where(imports.c.id == import_id).values(all_sent=True)
        )
        await finish_if_loaded(session, import_id)
    return {"batches": sent}


def _batches(kind: str, rows: int) -> int:
    return -(-rows // BATCH_OF.get(kind, BATCH))


async def _command_rows(
    nc: Any,
    db: Database,
    tenant: str,
    import_id: str,
    kind: str,
    batch: list[tuple[int, dict[str, Any]]],
    cut_off: date,
) -> list[dict[str, Any]]:
    """The rows of a batch as the owning service loads them: ids fixed, references as ids."""
    if kind == "relations":
        return [_relation(tenant, data) for _, data in batch]
    if kind == "policies":
        return await _policy_rows(nc, tenant, batch, cut_off)
    if kind == "opening_balances":
        return [
            {"id": fixed_id(tenant, kind, data["account"]), "ref": data["account"]} | data
            for _, data in batch
        ]
    if kind == "claims":
        return await _claim_rows(db, tenant, import_id, batch)
    names = await _relation_names(db, tenant, import_id, {d["relation_ref"] for _, d in batch})
    return [
        {
            "id": fixed_id(tenant, kind, data["document"]),
            "ref": data["document"],
            "relation_id": fixed_id(tenant, "relations", data["relation_ref"]),
            "relation_name": names[data["relation_ref"]],
            "policy_ref": data.get("policy_ref"),
            "document_date": data.get("document_date"),
            "due_date": data["due_date"],
            "amount": data["amount"],
            "description": data.get("description"),
        }
        for _, data in batch
    ]


async def _policy_rows(
    nc: Any, tenant: str, batch: list[tuple[int, dict[str, Any]]], cut_off: date
) -> list[dict[str, Any]]:
    """Policies with their rating, as the product service rates them for their current term."""
    terms = {
        line: term_start(date.fromisoformat(data["start_date"]), cut_off) for line, data in batch
    }
    asked = {
        "tenant": tenant,
        "rate": True,
        "policies": [
            {
                "line": line,
                "code": data["product_code"],
                "version": data["product_version"],
                "coverages": data["coverages"],
                "risk": data["risk"],
                "start_date": terms[line].isoformat(),
                "frequency": data["frequency"],
            }
            for line, data in batch
        ],
    }
    reply = await ask_patiently(nc, PRODUCT_IMPORT_CHECK, asked, "product service")
    ratings = {r["line"]: r["rating"] for r in reply["ratings"]}
    if len(ratings) != len(batch):
        raise RuntimeError(f"the product service no longer rates every policy: {reply['errors']}")
    return [
        {
            "id": fixed_id(tenant, "policies", data["ref"]),
            "ref": data["ref"],
            "holder_id": fixed_id(tenant, "relations", data["holder_ref"]),
            "product_code": data["product_code"],
            "product_version": data["product_version"],
            "start_date": data["start_date"],
            "frequency": data["frequency"],
            "coverages": data["coverages"],
            "risk": data["risk"],
            "invoiced_until": data["invoiced_until"],
            "payment_method": data.get("payment_method", "transfer"),
            "mandate": data.get("mandate"),
            "rating": ratings[line],
        }
        for line, data in batch
    ]


async def _loaded(db: Database, tenant: str, import_id: str, kind: str) -> None:
    """Waits until the owning service has answered every batch of `kind` of the import."""
    deadline = time.monotonic() + LOADED_WITHIN
    while time.monotonic() < deadline:
        async with db.tenant_transaction(tenant) as session:
            if not await _unanswered(session, import_id, kind):
                return
        await asyncio.sleep(1)
    raise RuntimeError(f"the import's {kind} were not loaded within an hour")


async def _unanswered(session: AsyncSession, import_id: str, kind: str | None = None) -> int:
    """How many sent batches of the import (of `kind`, or of any) are not answered yet."""
    c = import_batches.c
    where = [c.import_id == import_id, c.loaded_at.is_(None)]
    if kind is not None:
        where.append(c.kind == kind)
    return int((await session.execute(select(func.count()).where(*where))).scalar_one())


async def _claim_rows(
    db: Database, tenant: str, import_id: str, batch: list[tuple[int, dict[str, Any]]]
) -> list[dict[str, Any]]:
    refs = sorted({data["policy_ref"] for _, data in batch})
    async with db.tenant_transaction(tenant) as session:
        found = await session.execute(
            text(
                f"""
                select p.key, p.value from import_batches b, jsonb_each(b.assigned) p
                where b.kind = 'policies' and p.key = any(:refs) and (b.import_id = :id or
                    b.import_id in (select id from imports where status in {COMMITTED_SQL}))
                """
            ),
            {"refs": refs, "id": import_id},
        )
        policies = {key: value for key, value in found}
    return [
        {
            "id": fixed_id(tenant, "claims", data["ref"]),
            "ref": data["ref"],
            "policy": policies[data["policy_ref"]],
            "claimant_id": fixed_id(tenant, "relations", data["claimant_ref"])
            if data.get("claimant_ref")
            else None,
            "loss_date": data["loss_date"],
            "cause": data["cause"],
            "description": data.get("description"),
            "reserve": data["reserve"],
            "paid_to_date": data["paid_to_date"],
        }
        for _, data in batch
    ]


async def _relation_names(
    db: Database, tenant: str, import_id: str, refs: set[str]
) -> dict[str, str]:
    """The names of the relations `refs` name, as this import or a committed one staged them."""
    async with db.tenant_transaction(tenant) as session:
        rows = await session.execute(
            text(
                f"""
                select key, data ->> 'name' as name from import_rows
                where kind = 'relations' and key = any(:refs) and (import_id = :id or import_id in
                    (select id from imports where status in {COMMITTED_SQL}))
                """
            ),
            {"refs": sorted(refs), "id": import_id},
        )
        return {row.key: row.name for row in rows}


def _relation(tenant: str, data: dict[str, Any]) -> dict[str, Any]:
    advisor = data.get("advisor_ref")
    return {
        **{k: v for k, v in data.items() if k != "advisor_ref"},
        "id": fixed_id(tenant, "relations", data["ref"]),
        "advisor_id": fixed_id(tenant, "relations", advisor) if advisor else None,
    }


async def batch_loaded(session: AsyncSession, event: Event) -> None:
    """Consumer of `import.batch.loaded`: the service's answer to one batch."""
    data = event.data
    await session.execute(
        update(import_batches)
        .where(
            import_batches.c.import_id == data["import_id"],
            import_batches.c.kind == data["kind"],
            import_batches.c.batch == data["batch"],
        )
        .values(
            loaded_at=func.now(),
            loaded=data["loaded"],
            totals=data["totals"],
            assigned=data.get("assigned"),
        )
    )
    await finish_if_loaded(session, data["import_id"])


async def finish_if_loaded(session: AsyncSession, import_id: str) -> None:
    """Once every batch is sent and answered: loaded, with what the services hold per kind
    beside what the manifest states, and each difference named."""
    row = (
        await session.execute(select(imports).where(imports.c.id == import_id).with_for_update())
    ).one()
    if row.status != "loading" or not row.all_sent:
        return
    if await _unanswered(session, import_id):
        return
    c = import_batches.c
    # Only the counts and totals: `assigned` (every policy batch's numbers and timelines) is
    # megabytes for a large import, and reading it on every answer once all was sent made the
    # last thousands of answers crawl (a full-size load stalled at its open items).
    batches = (
        await session.execute(select(c.kind, c.loaded, c.totals).where(c.import_id == import_id))
    ).all()
    report = dict(row.report or {})
    rows: dict[str, int] = {}
    sums: dict[str, dict[str, Decimal]] = {}
    for b in batches:
        rows[b.kind] = rows.get(b.kind, 0) + (b.loaded or 0)
        kind_sums = sums.setdefault(b.kind, {})
        for name, amount in (b.totals or {}).items():
            kind_sums[name] = kind_sums.get(name, Decimal("0")) + Decimal(amount)
    differences = []
    for kind, count in rows.items():
        stated = report["kinds"][kind]["manifest"]
        totals = {n: str(a) for n, a in sorted(sums[kind].items())}
        if count != stated["rows"]:
            differences.append(f"{kind}: the manifest states {stated['rows']} rows, loaded {count}")
        for name, amount in totals.items():
            if name in stated["totals"] and Decimal(stated["totals"][name]) != Decimal(amount):
                differences.append(
                    f"{kind}: the manifest states {name} {stated['totals'][name]},"
                    f" the tenant's books now hold {amount}"
                )
        loaded = {"rows": count, "totals": totals}
        report["kinds"][kind] = report["kinds"][kind] | {"loaded": loaded}
    report["differences"] = differences
    await session.execute(
        update(imports)
        .where(imports.c.id == import_id)
        .values(status="loaded", loaded_at=func.now(), report=report)
    )


async def progress_of(session: AsyncSession, row: Any) -> dict[str, Any]:
    """A loading import's progress: batches answered of those to send."""
    total = sum(
        _batches(name, kind["package"]["valid"])
        for name, kind in (row.report or {}).get("kinds", {}).items()
        if name in LOADABLE
    )
    loaded = (
        await session.execute(
            select(func.count()).where(
                import_batches.c.import_id == row.id, import_batches.c.loaded_at.is_not(None)
            )
        )
    ).scalar_one()
    return {"step": KIND, "status": "running", "done": loaded, "total": total}


async def imported_meanwhile(session: AsyncSession, import_id: str) -> str | None:
    """A key of this import that another import committed since this one's dry run, named."""
    clash = (
        await session.execute(
            text(
                f"""
                select r.kind, r.key, i.number from import_rows r
                join import_rows t on t.tenant_id = r.tenant_id and t.kind = r.kind
                    and t.key = r.key and t.import_id <> r.import_id
                join imports i on i.id = t.import_id and i.status in {COMMITTED_SQL}
                where r.import_id = :id limit 1
                """
            ),
            {"id": import_id},
        )
    ).first()
    if clash is None:
        return None
    return f"import {clash.number} took over {clash.key} ({clash.kind})"
