"""Claims reports: open claims per handler and age, and the loss ratio per product and period
(claims paid and still reserved on losses in the period, against the premium booked in it, as the
policy service's invoices and credit notes reported it)."""

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from claims_service.tables import booked_premiums, claims, known_policies
from servicekit.app import TenantSession
from servicekit.problems import Problem

router = APIRouter(prefix="/api/claims/reports", tags=["claims"])
AGES = (("0-30", 0, 30), ("31-90", 31, 90), ("91-365", 91, 365), ("366+", 366, None))
ZERO = Decimal("0.00")


class HandlerLoad(BaseModel):
    handler: str | None
    open: int
    reserve: Decimal
    by_age: dict[str, int]
    oldest_days: int


class OpenClaims(BaseModel):
    on: date
    handlers: list[HandlerLoad]


class ProductLosses(BaseModel):
    product: str
    premium: Decimal
    claims: int
    paid: Decimal
    reserved: Decimal
    incurred: Decimal
    loss_ratio: Decimal | None


class LossRatio(BaseModel):
    period_from: date
    period_to: date
    products: list[ProductLosses]


@router.get("/open", response_model=OpenClaims)
async def open_claims(session: TenantSession) -> OpenClaims:
    """Claims not closed (test claims left out), per handler, by days since they were reported."""
    today = date.today()
    age = literal(today) - func.date(claims.c.reported_at)
    buckets = [
        func.count().filter(age >= low, *(() if high is None else (age <= high,))).label(name)
        for name, low, high in AGES
    ]
    rows = (
        await session.execute(
            select(
                claims.c.handler,
                func.count().label("open"),
                func.sum(claims.c.reserve).label("reserve"),
                func.max(age).label("oldest"),
                *buckets,
            )
            .where(claims.c.status != "closed", claims.c.test.is_(False))
            .group_by(claims.c.handler)
            .order_by(claims.c.handler.nulls_first())
        )
    ).all()
    return OpenClaims(
        on=today,
        handlers=[
            HandlerLoad(
                handler=r.handler,
                open=r.open,
                reserve=r.reserve,
                by_age={name: getattr(r, name) for name, _, _ in AGES},
                oldest_days=r.oldest,
            )
            for r in rows
        ],
    )


async def _premium(session: AsyncSession, start: date, end: date) -> dict[str, Decimal]:
    rows = await session.execute(
        select(known_policies.c.product_code, func.sum(booked_premiums.c.net))
        .select_from(
            booked_premiums.join(
                known_policies, known_policies.c.policy_id == booked_premiums.c.policy_id
            )
        )
        .where(booked_premiums.c.issue_date.between(start, end))
        .group_by(known_policies.c.product_code)
    )
    return {code: total for code, total in rows.all()}


@router.get("/loss-ratio", response_model=LossRatio)
async def loss_ratio(
    session: TenantSession,
    period_from: Annotated[date, Query(alias="from")],
    period_to: Annotated[date, Query(alias="to")],
) -> LossRatio:
    if period_to < period_from:
        raise Problem(
            422,
            "The period ends before it starts",
            errors=[{"field": "to", "message": "on or after from"}],
        )
    premium = await _premium(session, period_from, period_to)
    rows = (
        await session.execute(
            select(
                claims.c.product_code,
                func.count().label("claims"),
                func.sum(claims.c.paid).label("paid"),
                func.sum(claims.c.reserve).label("reserved"),  # closing releases it
            )
            .where(claims.c.loss_date.between(period_from, period_to), claims.c.test.is_(False))
            .group_by(claims.c.product_code)
        )
    ).all()
    losses = {r.product_code: r for r in rows}
    products = []
    for code in sorted(set(premium) | set(losses)):
        booked = premium.get(code, ZERO)
        row = losses.get(code)
        paid, reserved = (row.paid, row.reserved) if row else (ZERO, ZERO)
        incurred = paid + reserved
        products.append(
            ProductLosses(
                product=code,
                premium=booked,
                claims=row.claims if row else 0,
                paid=paid,
                reserved=reserved,
                incurred=incurred,
                loss_ratio=(incurred / booked).quantize(Decimal("0.0001")) if booked else None,
            )
        )
    return LossRatio(period_from=period_from, period_to=period_to, products=products)
