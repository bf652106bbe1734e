"""Withdrawing an import as a whole (issue 17, ADR 0007). An import that loaded nothing (checked,
rejected, failed) is simply withdrawn. A loaded one is withdrawn only while nothing was booked
or changed on its data since: each service that loaded a part is asked what blocks it
(`<service>.import.withdrawable`), and any answer makes it 409, naming what blocks it. Then
each is commanded (`import.withdraw`) and checks again in the transaction that undoes its part
(`servicekit.import_part`); once all three answered the import is withdrawn, or, if one refused
in between, `withdrawal_stopped` with the reason, and it can be asked again. A withdrawn
import's keys are free for another import."""

import asyncio
from typing import Any

from fastapi import APIRouter
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from imports_service.imports import ImportOut, import_out
from imports_service.tables import imports, outbox
from servicekit.app import Context, RuntimeDep, TenantSession
from servicekit.events import Event
from servicekit.outbox import add_event
from servicekit.problems import Problem
from servicekit.request_reply import ask, withdrawable_subject
from servicekit.rows import row_by_id

router = APIRouter(prefix="/api/imports", tags=["imports"])
PARTS = ("policy", "ledger", "claims")
NOTHING_LOADED = ("checked", "rejected", "failed")
WITHDRAWABLE = ("loaded", "withdrawal_stopped")


@router.post("/{import_id}/withdraw", status_code=202, response_model=ImportOut)
async def withdraw(
    import_id: str, ctx: Context, session: TenantSession, runtime: RuntimeDep
) -> ImportOut:
    """Withdraws the import as a whole: each service undoes its part (the ledger reverses the
    import's entries), in the background. 409 naming what blocks it, if anything was booked or
    changed on the imported data since."""
    assert ctx.tenant
    row = await row_by_id(session, imports, import_id, "import")
    row = (
        await session.execute(select(imports).where(imports.c.id == row.id).with_for_update())
    ).one()
    done = {"withdrawn_by": ctx.username, "withdrawn_at": func.now()}
    if row.status in NOTHING_LOADED:
        await session.execute(
            update(imports).where(imports.c.id == row.id).values(status="withdrawn", **done)
        )
    elif row.status in WITHDRAWABLE:
        blocks = await _blockers(runtime.nc, ctx.tenant, import_id)
        if blocks:
            raise Problem(
                409,
                f"Import {row.number} cannot be withdrawn: {blocks[0][1]}"
                + (f" (and {len(blocks) - 1} more)" if len(blocks) > 1 else ""),
                errors=[{"field": service, "message": block} for service, block in blocks],
            )
        report = dict(row.report or {})
        report["withdrawal"] = (report.get("withdrawal") or {}) | {"answers": {}}
        await session.execute(
            update(imports)
            .where(imports.c.id == row.id)
            .values(status="withdrawing", report=report, withdrawn_by=ctx.username)
        )
        command = {"import_id": import_id, "number": row.number}
        await add_event(
            session, outbox, Event.new("imports", "import.withdraw", ctx.tenant, command)
        )
    else:
        raise Problem(409, f"Import {row.number} is {row.status}: it cannot be withdrawn now")
    return await import_out(session, await row_by_id(session, imports, import_id, "import"))


async def _blockers(nc: Any, tenant: str, import_id: str) -> list[tuple[str, str]]:
    asked = {"tenant": tenant, "import_id": import_id}
    replies = await asyncio.gather(
        *(ask(nc, withdrawable_subject(s), asked, f"{s} service") for s in PARTS)
    )
    return [
        (service, block)
        for service, reply in zip(PARTS, replies, strict=True)
        for block in reply["blocks"]
    ]


async def answered(session: AsyncSession, event: Event) -> None:
    """Consumer of `import.withdrawn`: one service's answer."""
    data = event.data
    row = (
        await session.execute(
            select(imports).where(imports.c.id == data["import_id"]).with_for_update()
        )
    ).first()
    if row is None or row.status != "withdrawing":
        return
    report = dict(row.report or {})
    withdrawal: dict[str, Any] = dict(report.get("withdrawal") or {})
    answers = dict(withdrawal.get("answers") or {})
    answers[event.source] = {k: v for k, v in data.items() if k != "import_id"}
    undone = dict(withdrawal.get("undone") or {})
    for kind, count in (data.get("undone") or {}).items():
        undone[kind] = undone.get(kind, 0) + count
    report["withdrawal"] = withdrawal | {"answers": answers, "undone": undone}
    values: dict[str, Any] = {"report": report}
    if set(answers) >= set(PARTS):
        withdrawn = all(answer["withdrawn"] for answer in answers.values())
        values["status"] = "withdrawn" if withdrawn else "withdrawal_stopped"
        if withdrawn:
            values["withdrawn_at"] = func.now()
    await session.execute(update(imports).where(imports.c.id == row.id).values(**values))
