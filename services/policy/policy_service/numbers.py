"""The policy service's number sequences and their prefixes."""

from sqlalchemy.ext.asyncio import AsyncSession

from servicekit import numbers

PREFIXES = {"policy": "P", "invoice": "INV", "credit_note": "CN"}


async def reserve_numbers(session: AsyncSession, tenant: str, name: str, count: int) -> list[str]:
    return await numbers.reserve_numbers(session, tenant, name, PREFIXES[name], count)


async def reserve_several(
    session: AsyncSession, tenant: str, counts: dict[str, int]
) -> dict[str, list[str]]:
    """In one statement; always in the order policy, invoice, credit note (PREFIXES)."""
    ordered = {name: counts.get(name, 0) for name in PREFIXES}
    return await numbers.reserve_several(session, tenant, ordered, PREFIXES)
