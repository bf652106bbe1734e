"""Per-tenant number sequences (policies, invoices, credit notes): gapless within a committed
transaction, since the row is locked until the transaction ends."""

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

PREFIXES = {"policy": "P", "invoice": "INV", "credit_note": "CN"}


async def next_number(session: AsyncSession, tenant: str, name: str) -> str:
    [number] = await reserve_numbers(session, tenant, name, 1)
    return number


async def reserve_numbers(session: AsyncSession, tenant: str, name: str, count: int) -> list[str]:
    """The next `count` numbers of the sequence, in one statement."""
    if count == 0:
        return []
    last = (
        await session.execute(
            text(
                "insert into number_sequences (tenant_id, name, last) values (:t, :n, :c)"
                " on conflict (tenant_id, name) do update set last = number_sequences.last + :c"
                " returning last"
            ),
            {"t": tenant, "n": name, "c": count},
        )
    ).scalar_one()
    return [f"{PREFIXES[name]}{n:07d}" for n in range(last - count + 1, last + 1)]
