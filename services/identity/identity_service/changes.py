"""One place that records an administration change: the audit record (with before and after)
and the event that makes every gateway decide afresh, both in the change's own transaction."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from identity_service.audit import AuditRecord, append
from identity_service.tables import outbox
from servicekit.context_token import RequestContext
from servicekit.events import Event
from servicekit.outbox import add_event
from servicekit.telemetry import current_trace_id


async def record_change(
    session: AsyncSession,
    ctx: RequestContext,
    tenant: str,
    acting_as: str,
    detail: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    event_type: str | None = "access.changed",
    event_data: dict[str, Any] | None = None,
) -> None:
    await append(
        session,
        tenant,
        AuditRecord(
            at=datetime.now(UTC),
            kind="administration",
            actor=ctx.subject,
            actor_name=ctx.username,
            acting_as=acting_as,
            grant_id=ctx.grant_id,
            outcome="changed",
            trace_id=current_trace_id(),
            request_id=ctx.request_id,
            detail=detail,
            before=before,
            after=after,
        ),
    )
    if event_type:
        data = {"change": detail, **(event_data or {})}
        await add_event(session, outbox, Event.new("identity", event_type, tenant, data))
