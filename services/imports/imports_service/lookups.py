"""The checks only the owning services can make, asked over NATS request/reply
(`servicekit.request_reply`, contracts/requests/*.import.check.*): the product service whether
each policy's product version is live or in test and its coverages and risk answers fit it; the
policy service whether a relation is one the tenant already has; the ledger whether the accounts
of the opening balances exist and the cut-off's period is open; the claims service whether the
causes are known. Each service answers with its own rules, so a package that passes here loads
there."""

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

from nats.aio.client import Client
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from imports_service.conversion import RowError
from imports_service.tables import import_rows
from servicekit.db import Database
from servicekit.problems import Problem
from servicekit.request_reply import (
    CLAIMS_IMPORT_CHECK,
    LEDGER_IMPORT_CHECK,
    POLICY_IMPORT_CHECK,
    PRODUCT_IMPORT_CHECK,
    ask,
)

BATCH = 500
ATTEMPTS = 6  # a service that is restarting gets about half a minute to answer


async def ask_patiently(
    nc: Client, subject: str, body: dict[str, Any], what: str
) -> dict[str, Any]:
    """`ask`, again a few times while the service does not answer (503)."""
    for attempt in range(ATTEMPTS):
        try:
            return await ask(nc, subject, body, what)
        except Problem as problem:
            if problem.status != 503 or attempt == ATTEMPTS - 1:
                raise
            await asyncio.sleep(min(2**attempt, 8))
    raise AssertionError("unreachable")


async def staged(
    db: Database, tenant: str, import_id: str, kind: str, batch: int = BATCH
) -> AsyncIterator[list[tuple[int, dict[str, Any]]]]:
    """The staged rows of `kind`, a batch (line, data) at a time, each batch read on its own."""
    after = 0
    while True:
        async with db.tenant_transaction(tenant) as session:
            rows = (
                await session.execute(
                    select(import_rows.c.line, import_rows.c.data)
                    .where(
                        import_rows.c.import_id == import_id,
                        import_rows.c.kind == kind,
                        import_rows.c.line > after,
                    )
                    .order_by(import_rows.c.line)
                    .limit(batch)
                )
            ).all()
        if not rows:
            return
        yield [(row.line, row.data) for row in rows]
        after = rows[-1].line


async def product_findings(
    nc: Client, db: Database, tenant: str, import_id: str, file: str
) -> AsyncIterator[RowError]:
    async for batch in staged(db, tenant, import_id, "policies"):
        policies = [
            {
                "line": line,
                "code": data["product_code"],
                "version": data["product_version"],
                "coverages": data["coverages"],
                "risk": data["risk"],
                "start_date": data["start_date"],
                "frequency": data["frequency"],
            }
            for line, data in batch
        ]
        body = {"tenant": tenant, "policies": policies}
        reply = await ask_patiently(nc, PRODUCT_IMPORT_CHECK, body, "product service")
        for error in reply["errors"]:
            yield RowError(file, error["line"], error.get("field"), error["message"])


async def relation_findings(
    nc: Client, db: Database, tenant: str, import_id: str, file: str
) -> AsyncIterator[RowError]:
    async for batch in staged(db, tenant, import_id, "relations"):
        relations = [
            {
                "line": line,
                "kind": data["kind"],
                "name": data["name"],
                "date_of_birth": data.get("date_of_birth"),
                "coc_number": data.get("coc_number"),
            }
            for line, data in batch
        ]
        body = {"tenant": tenant, "relations": relations}
        reply = await ask_patiently(nc, POLICY_IMPORT_CHECK, body, "policy service")
        for match in reply["matches"]:
            message = (
                f"the tenant already has this relation: {match['name']} ({match['relation_id']})"
            )
            yield RowError(file, match["line"], "ref", message)


async def ledger_findings(
    nc: Client, session_of: Callable[[], Any], tenant: str, import_id: str, file: str, cut_off: str
) -> tuple[list[RowError], dict[str, str]]:
    """Unknown accounts and a closed cut-off period; and the ledger's control accounts."""
    async with session_of() as session:
        accounts = await _lines_by(session, import_id, "opening_balances")
    body = {"tenant": tenant, "accounts": sorted(accounts), "cut_off": cut_off}
    reply = await ask_patiently(nc, LEDGER_IMPORT_CHECK, body, "ledger")
    errors = [
        RowError(file, line, "account", f"the tenant's ledger has no account {code}")
        for code in reply["unknown_accounts"]
        for line in accounts.get(code, [])
    ]
    if reply["cut_off_period_closed"]:
        message = f"the ledger's period of the cut-off date {cut_off} is closed"
        errors.append(RowError("manifest.json", 1, "cut_off", message))
    return errors, dict(reply["control"])


async def claims_findings(
    nc: Client, session_of: Callable[[], Any], tenant: str, import_id: str, file: str
) -> list[RowError]:
    async with session_of() as session:
        causes = await _lines_by(session, import_id, "claims", "cause")
    body = {"tenant": tenant, "causes": sorted(causes)}
    reply = await ask_patiently(nc, CLAIMS_IMPORT_CHECK, body, "claims service")
    return [
        RowError(file, line, "cause", f"no cause {cause} in the tenant's list of causes")
        for cause in reply["unknown_causes"]
        for line in causes.get(cause, [])
    ]


async def _lines_by(
    session: AsyncSession, import_id: str, kind: str, field: str | None = None
) -> dict[str, list[int]]:
    """The lines of each value of `field` (by default the row's key) among the staged rows."""
    value = import_rows.c.key if field is None else import_rows.c.data[field].astext
    rows = await session.execute(
        select(value, import_rows.c.line).where(
            import_rows.c.import_id == import_id, import_rows.c.kind == kind
        )
    )
    found: dict[str, list[int]] = {}
    for found_value, line in rows:
        found.setdefault(found_value, []).append(line)
    return found
