"""Per-tenant number sequences (policies, invoices, credit notes): gapless within a committed
transaction, since the row is locked until the transaction ends."""

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

PREFIXES = {"policy": "P", "invoice": "INV", "credit_note": "CN"}


async def next_number(session: AsyncSession, tenant: str, name: str) -> str:
    last = (
        await session.execute(
            text(
                "insert into number_sequences (tenant_id, name, last) values (:t, :n, 1)"
                " on conflict (tenant_id, name) do update set last = number_sequences.last + 1"
                " returning last"
            ),
            {"t": tenant, "n": name},
        )
    ).scalar_one()
    return f"{PREFIXES[name]}{last:07d}"
