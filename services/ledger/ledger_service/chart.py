"""The default chart of accounts every new tenant starts with, as an intermediary keeps it."""

from sqlalchemy import insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.tables import accounts
from servicekit.events import Event

DEFAULT_CHART: tuple[tuple[str, str, str], ...] = (
    ("1100", "Bank", "asset"),
    ("1300", "Debtors control", "asset"),
    ("1310", "Direct debits in transit", "asset"),
    ("1390", "Suspense", "asset"),
    ("1600", "Creditors control", "liability"),
    ("1610", "Premium payable to insurers", "liability"),
    ("1620", "Claims payable", "liability"),
    ("1700", "Insurance premium tax payable", "liability"),
    ("1800", "Unallocated receipts", "liability"),
    ("0900", "Equity", "equity"),
    ("8000", "Commission income", "income"),
    ("4000", "Operating expenses", "expense"),
    ("4900", "Payment differences", "expense"),
)


async def ensure_account(session: AsyncSession, tenant: str, account: tuple[str, str, str]) -> None:
    """The account (code, name, kind) a feature books on, made when it is first needed: the
    charts of tenants from before the feature do not have it."""
    code, name, kind = account
    await session.execute(
        pg_insert(accounts)
        .values(tenant_id=tenant, code=code, name=name, kind=kind)
        .on_conflict_do_nothing()
    )


async def open_chart_for_new_tenant(session: AsyncSession, event: Event) -> None:
    """On `tenant.registered`: give the tenant its chart (the inbox makes this happen once)."""
    if not event.tenant:
        raise ValueError("tenant.registered names no tenant")
    await session.execute(
        insert(accounts),
        [
            {"tenant_id": event.tenant, "code": code, "name": name, "kind": kind}
            for code, name, kind in DEFAULT_CHART
        ],
    )
