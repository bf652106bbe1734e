"""The tenant's letterhead (name, address, contact lines, the account transfers are paid to,
logo) on the documents its customers receive. Each change is kept with the moment it took
effect, so a document first made later still prints the letterhead of its own day; the ledger
gets each change as `letterhead.changed` for the reminders it sends."""

from datetime import UTC, datetime

from fastapi import APIRouter
from sqlalchemy import func, select

from backoffice_domain.letterhead import LetterheadSetting
from policy_service.tables import DOCUMENTS, outbox
from servicekit.app import Context, TenantSession
from servicekit.events import Event
from servicekit.outbox import add_event
from servicekit.problems import Problem

router = APIRouter(prefix="/api/policies/letterhead", tags=["documents"])
# Policy staff who may change things, or the tenant's own administrator.
ADMINISTER = {"x-permission": {"module": "policies", "action": "change"}, "x-administration": True}
VIEW = {"x-permission": {"module": "policies", "action": "view"}, "x-administration": True}


@router.get("", response_model=LetterheadSetting, openapi_extra=VIEW)
async def get_letterhead(session: TenantSession) -> LetterheadSetting:
    data = await DOCUMENTS.letterhead_at(session, datetime.now(UTC))
    if data is None:
        raise Problem(404, "No letterhead set yet")
    return LetterheadSetting.model_validate(data)


@router.put("", response_model=LetterheadSetting, openapi_extra=ADMINISTER)
async def put_letterhead(
    body: LetterheadSetting, ctx: Context, session: TenantSession
) -> LetterheadSetting:
    """Takes effect now for documents of today on; documents of before keep the letterhead of
    their day."""
    data = body.model_dump()
    valid_from = await session.scalar(select(func.clock_timestamp()))
    await DOCUMENTS.keep_letterhead(session, ctx.tenant, valid_from, data)
    event_data = {"valid_from": valid_from.isoformat(), "letterhead": data}
    await add_event(
        session, outbox, Event.new("policy", "letterhead.changed", ctx.tenant, event_data)
    )
    return body
