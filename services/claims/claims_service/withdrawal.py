"""Withdrawing the claims service's part of a portfolio import (ADR 0007,
`servicekit.import_part`): the open claims it took over are removed with their history and
reserve. Refused while one was handled since (a status, reserve or payment), or while a claim
registered since lies on a policy the import brought (the policy service removes those)."""

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from claims_service.tables import (
    claim_history,
    claim_payments,
    claims,
    known_policies,
    reserve_changes,
)
from servicekit.import_part import MAX_BLOCKERS


async def blockers(session: AsyncSession, import_id: str) -> list[str]:
    c = claims.c

    def count(table: Any) -> Any:
        return select(func.count()).where(table.c.claim_id == c.id).scalar_subquery()

    handled = (
        await session.execute(
            select(c.number)
            .where(
                c.import_id == import_id,
                (count(claim_history) > 1)
                | (count(reserve_changes) > 1)
                | (count(claim_payments) > 0),
            )
            .order_by(c.number)
            .limit(MAX_BLOCKERS)
        )
    ).all()
    registered = (
        await session.execute(
            select(c.number, c.policy_number)
            .join(known_policies, known_policies.c.policy_id == c.policy_id)
            .where(known_policies.c.import_id == import_id, c.import_id.is_distinct_from(import_id))
            .order_by(c.number)
            .limit(MAX_BLOCKERS)
        )
    ).all()
    found = [f"claim {row.number}: handled since the import" for row in handled] + [
        f"claim {row.number} was registered on policy {row.policy_number}, which the import brought"
        for row in registered
    ]
    return found[:MAX_BLOCKERS]


async def undo(session: AsyncSession, tenant: str, command: dict[str, Any]) -> dict[str, int]:
    import_id = str(command["import_id"])
    mine = select(claims.c.id).where(claims.c.import_id == import_id)
    await session.execute(delete(reserve_changes).where(reserve_changes.c.claim_id.in_(mine)))
    await session.execute(delete(claim_history).where(claim_history.c.claim_id.in_(mine)))
    gone = await session.execute(
        delete(claims).where(claims.c.import_id == import_id).returning(claims.c.id)
    )
    return {"claims": len(gone.all())}
