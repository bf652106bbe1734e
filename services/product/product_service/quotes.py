"""Quotes: validate the answers, rate and decide on the right product version, store the quote
with its version, validity and rating trace. The same request with the same Idempotency-Key
gives the same quote once."""

import uuid
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from product_service.definition import ProductDefinition, stored_definition
from product_service.rating import Premium as RatedPremium
from product_service.rating import QuoteError, QuoteResult, quote
from product_service.risk_schema import AnswerError, validate_answers
from product_service.tables import quotes
from servicekit.context_token import RequestContext
from servicekit.idempotency import earlier_answer, request_hash
from servicekit.problems import Problem
from servicekit.rows import row_by_id

QUOTE_VALID_DAYS = 30

# Built once: building the INSERT with .values() on every quote showed in its profile (the
# coercion of every value, a new cache key).
_INSERT = insert(quotes).returning(*quotes.c)


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


async def make_quote(
    session: AsyncSession,
    ctx: RequestContext,
    version_row: Any,
    body: QuoteIn,
    *,
    channel: str,
    test: bool,
    idempotency_key: str | None,
    with_trace: bool,
) -> QuoteOut:
    code = version_row.code
    digest = request_hash({"code": code, **body.model_dump(mode="json")})
    earlier = await earlier_answer(session, quotes, ctx.subject, idempotency_key, digest)
    if earlier is not None:
        return quote_out(earlier, with_trace)
    definition = stored_definition(version_row)
    if body.start_date < version_row.effective_from:
        raise Problem(
            422,
            "The start date is before this product version takes effect",
            errors=[{"field": "start_date", "message": f"from {version_row.effective_from}"}],
        )
    result = rate_answers(definition, body.risk, body.coverages, body.start_date, body.frequency)
    premium = _premium_stored(result.premium)
    quote_id = str(uuid.uuid4())
    values = {
        "tenant_id": ctx.tenant,
        "id": quote_id,
        "code": code,
        "version": version_row.version,
        "channel": channel,
        "client_id": ctx.client_id,
        "test": test,
        "request": body.model_dump(mode="json"),
        "decision": result.decision,
        "reasons": list(result.reasons),
        "premium": premium,
        "trace": list(result.trace),
        "valid_until": date.today() + timedelta(days=QUOTE_VALID_DAYS),
        "created_by": ctx.subject,
        "idempotency_key": idempotency_key,
        "request_hash": digest,
    }
    row = (await session.execute(_INSERT, values)).one()
    return quote_out(row, with_trace)


async def stored_quote(session: AsyncSession, quote_id: str) -> Any:
    return await row_by_id(session, quotes, quote_id, "quote")
