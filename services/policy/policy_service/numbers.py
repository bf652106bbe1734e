"""The policy service's number sequences and their prefixes."""

from sqlalchemy.ext.asyncio import AsyncSession

from servicekit import numbers

PREFIXES = {"policy": "P", "invoice": "INV", "credit_note": "CN"}


async def next_number(session: AsyncSession, tenant: str, name: str) -> str:
    return await numbers.next_number(session, tenant, name, PREFIXES[name])


async def reserve_numbers(session: AsyncSession, tenant: str, name: str, count: int) -> list[str]:
    return await numbers.reserve_numbers(session, tenant, name, PREFIXES[name], count)
