"""Per-tenant number sequences (policies, invoices, claims): gapless within a committed
transaction, since the sequence's row is locked until the transaction ends. Each service keeps
its own `number_sequences` table (`migration_ops.create_number_sequences`)."""

from sqlalchemy import BigInteger, Column, MetaData, Table, Text, text
from sqlalchemy.ext.asyncio import AsyncSession


def define_number_sequences(metadata: MetaData) -> Table:
    """The table behind these numbers in a service's `tables.py`, as the migrations make it."""
    return Table(
        "number_sequences",
        metadata,
        Column("tenant_id", Text, primary_key=True),
        Column("name", Text, primary_key=True),
        Column("last", BigInteger, nullable=False),
    )


async def reserve_numbers(
    session: AsyncSession, tenant: str, name: str, prefix: str, count: int
) -> list[str]:
    """The next `count` numbers of the sequence `name`, as `<prefix>0000001`, in one statement."""
    return (await reserve_several(session, tenant, {name: count}, {name: prefix}))[name]


async def next_number(session: AsyncSession, tenant: str, name: str, prefix: str) -> str:
    [number] = await reserve_numbers(session, tenant, name, prefix, 1)
    return number


_RESERVE = text(
    "insert into number_sequences (tenant_id, name, last)"
    " select :t, r.name, r.count"
    " from unnest(cast(:names as text[]), cast(:counts as bigint[])) as r(name, count)"
    " on conflict (tenant_id, name) do update set last = number_sequences.last + excluded.last"
    " returning name, last"
)


async def reserve_several(
    session: AsyncSession, tenant: str, counts: dict[str, int], prefixes: dict[str, str]
) -> dict[str, list[str]]:
    """The next numbers of several sequences in one statement, `counts` per sequence name (a
    policy's number and its first invoice's at acceptance), as `<prefix>0000001`. Each
    sequence's row is locked in the order of `counts` (give the same order everywhere, or two
    transactions could wait for each other)."""
    wanted = {name: count for name, count in counts.items() if count > 0}
    last: dict[str, int] = {}
    if wanted:
        params = {"t": tenant, "names": list(wanted), "counts": list(wanted.values())}
        last = {row.name: row.last for row in await session.execute(_RESERVE, params)}
    return {
        name: [f"{prefixes[name]}{n:07d}" for n in range(last[name] - count + 1, last[name] + 1)]
        if count > 0
        else []
        for name, count in counts.items()
    }
