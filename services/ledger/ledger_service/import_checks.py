"""Answers `ledger.import.check` for the imports service's dry run (contracts/requests/): which
accounts of a conversion package's opening balances the tenant's chart lacks, whether the period
of the cut-off date is closed (an opening entry could not be booked in it), and the control
accounts the current accounts' open items must agree with."""

import json
from datetime import date
from typing import Any

from sqlalchemy import select

from ledger_service.current_accounts import CONTROL
from ledger_service.tables import accounts, closed_periods
from servicekit.app import Runtime

MAX_ACCOUNTS = 10_000


async def on_import_check(runtime: Runtime, data: bytes) -> bytes:
    body: dict[str, Any] = json.loads(data)
    wanted = set(body["accounts"][:MAX_ACCOUNTS])
    month = date.fromisoformat(body["cut_off"]).replace(day=1)
    async with runtime.db.tenant_transaction(body["tenant"]) as session:
        known = set(
            (await session.execute(select(accounts.c.code).where(accounts.c.code.in_(wanted))))
            .scalars()
            .all()
        )
        closed = (
            await session.execute(
                select(closed_periods.c.month).where(closed_periods.c.month >= month)
            )
        ).first() is not None
    reply = {
        "ok": True,
        "unknown_accounts": sorted(wanted - known),
        "cut_off_period_closed": closed,
        "control": CONTROL,
    }
    return json.dumps(reply).encode()
