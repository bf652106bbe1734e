"""Quotes: validate the answers, rate and decide on the right product version, store the quote
with its version, validity and rating trace. The same request with the same Idempotency-Key
gives the same quote once."""

import contextlib
import uuid
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from product_service.definition import ProductDefinition, stored_definition
from product_service.offer import Offer, kept_offer, read_offer
from product_service.rating import Premium as RatedPremium
from product_service.rating import QuoteError, QuoteResult, quote
from product_service.risk_schema import AnswerError, validate_answers
from product_service.tables import quotes
from servicekit.app import tenant_of
from servicekit.context_token import RequestContext
from servicekit.db import Database
from servicekit.idempotency import request_hash
from servicekit.problems import Problem
from servicekit.rows import row_by_id

QUOTE_VALID_DAYS = 30


class QuoteIn(BaseModel):
    product: str | None = Field(default=None, max_length=50)
    risk: dict[str, Any] = Field(default_factory=dict)
    coverages: list[str] = Field(default_factory=list, max_length=50)
    start_date: date
    frequency: Literal["annual", "quarterly", "monthly"] = "annual"


class Premium(BaseModel):
    net: str
    commission: str
    tax: str
    total: str
    currency: str
    frequency: str


class QuoteOut(BaseModel):
    id: str
    product: str
    version: int
    decision: str
    reasons: list[str]
    premium: Premium | None
    valid_until: date
    test: bool
    trace: list[str] | None = None


def quote_out(row: Any, with_trace: bool) -> QuoteOut:
    return QuoteOut(
        id=str(row.id),
        product=row.code,
        version=row.version,
        decision=row.decision,
        reasons=list(row.reasons),
        premium=Premium(**row.premium) if row.premium else None,
        valid_until=row.valid_until,
        test=row.test,
        trace=list(row.trace) if with_trace else None,
    )


def rate_answers(
    definition: ProductDefinition,
    risk: dict[str, Any],
    coverages: list[str],
    start_date: date,
    frequency: str,
) -> QuoteResult:
    """Validate the answers and rate them; 422 naming each wrong field."""
    try:
        answers = validate_answers(definition, risk)
        return quote(definition, answers, coverages, start_date, frequency)
    except (AnswerError, QuoteError) as exc:
        raise Problem(422, "The quote request is not valid", errors=exc.errors) from exc


def _premium_stored(p: RatedPremium | None) -> dict[str, str] | None:
    """A rated premium as the quote keeps it (amounts as text); None for none."""
    if p is None:
        return None
    return {
        "net": str(p.net),
        "commission": str(p.commission),
        "tax": str(p.tax),
        "total": str(p.total),
        "currency": p.currency,
        "frequency": p.frequency,
    }


# One statement, as its own transaction: the tenant set, the offer checked, the quote stored.
_ISSUE = text(
    "select quote_id, quote_hash from issue_quote(:tenant, :signature, :quote)"
).bindparams(bindparam("quote", type_=JSONB))


async def make_quote(
    db: Database,
    ctx: RequestContext,
    code: str,
    body: QuoteIn,
    *,
    channel: str,
    idempotency_key: str | None,
    with_trace: bool,
    not_offered: str,
) -> QuoteOut:
    """A quote on the version of `code` offered to the caller (404 `not_offered` if none).

    A quote on the offer kept from an earlier quote is one round trip. Anything decided on a
    kept offer that the database no longer confirms (its fingerprint changed, or the request was
    refused on it) is decided again on the offer read afresh."""
    tenant = tenant_of(ctx)
    kept = kept_offer(tenant, code)
    if kept is not None:
        with contextlib.suppress(Problem):
            answer = await _issue(db, ctx, tenant, kept, body, channel, idempotency_key, with_trace)
            if answer is not None:
                return answer
    for _ in range(3):
        offer = await read_offer(db, tenant, code)
        if offer.for_caller(ctx) is None:
            raise Problem(404, not_offered)
        answer = await _issue(db, ctx, tenant, offer, body, channel, idempotency_key, with_trace)
        if answer is not None:
            return answer
    raise Problem(409, f"Product '{code}' is being changed right now: ask for the quote again")


async def _issue(
    db: Database,
    ctx: RequestContext,
    tenant: str,
    offer: Offer,
    body: QuoteIn,
    channel: str,
    idempotency_key: str | None,
    with_trace: bool,
) -> QuoteOut | None:
    """The quote on `offer`, stored; None if the offer changed since it was read."""
    version = offer.for_caller(ctx)
    if version is None:
        return None
    if body.start_date < version.effective_from:
        raise Problem(
            422,
            "The start date is before this product version takes effect",
            errors=[{"field": "start_date", "message": f"from {version.effective_from}"}],
        )
    request = body.model_dump(mode="json")
    digest = request_hash({"code": version.code, **request})
    result = rate_answers(
        stored_definition(version), body.risk, body.coverages, body.start_date, body.frequency
    )
    quote = {
        "tenant_id": tenant,
        "id": str(uuid.uuid4()),
        "code": version.code,
        "version": version.version,
        "channel": channel,
        "client_id": ctx.client_id,
        "test": version.status == "test",
        "request": request,
        "decision": result.decision,
        "reasons": list(result.reasons),
        "premium": _premium_stored(result.premium),
        "trace": list(result.trace),
        "valid_until": (date.today() + timedelta(days=QUOTE_VALID_DAYS)).isoformat(),
        "created_by": ctx.subject,
        "idempotency_key": idempotency_key,
        "request_hash": digest,
    }
    params = {"tenant": tenant, "signature": offer.signature, "quote": quote}
    rows = await db.execute_alone(_ISSUE, params)
    if not rows:
        return None
    stored_id, stored_hash = str(rows[0].quote_id), rows[0].quote_hash
    if stored_id == quote["id"]:
        return quote_out(SimpleNamespace(**quote), with_trace)
    if stored_hash != digest:
        raise Problem(409, "This Idempotency-Key was used for another request")
    async with db.tenant_transaction(tenant) as session:
        return quote_out(await stored_quote(session, stored_id), with_trace)


async def stored_quote(session: AsyncSession, quote_id: str) -> Any:
    return await row_by_id(session, quotes, quote_id, "quote")
