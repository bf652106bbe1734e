"""Answers `claims.import.check` for the imports service's dry run (contracts/requests/): which
causes of a conversion package's open claims are neither standard nor the tenant's own."""

import json
from typing import Any

from claims_service.causes import causes_of
from servicekit.app import Runtime

MAX_CAUSES = 10_000


async def on_import_check(runtime: Runtime, data: bytes) -> bytes:
    body: dict[str, Any] = json.loads(data)
    async with runtime.db.tenant_transaction(body["tenant"]) as session:
        known = await causes_of(session)
    unknown = sorted(set(body["causes"][:MAX_CAUSES]) - set(known))
    return json.dumps({"ok": True, "unknown_causes": unknown}).encode()
