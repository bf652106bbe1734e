"""A service's part of a portfolio import (ADR 0007), wired the same way in each service that
loads one (policy, ledger, claims); what differs is the service's loader, `Blockers` and `Undo`.

- **Load**: `import.batch` events, each carrying up to 200 rows (2,000 opening balances), so a
  consumer transaction takes one batch, commits it and answers it (`import.batch.loaded`).
- **Withdraw**, asked first (`<service>.import.withdrawable`, request/reply, while the operator
  waits): what blocks it here, named (a payment matched to an imported item, a mutation on an
  imported policy); the imports service answers 409 with them. Then commanded
  (`import.withdraw`, an event): the same check again in the transaction that undoes this
  service's part, so what was done in between is never undone; answered with `import.withdrawn`
  (`withdrawn` true with what was undone, counted, or false with the blockers). A part undone
  already undoes nothing, so a stopped withdrawal can be asked again.
"""

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.app import Responder, Runtime
from servicekit.consumer import Handler, Subscription
from servicekit.events import Event, subject_for
from servicekit.outbox import add_event
from servicekit.request_reply import withdrawable_subject

MAX_BLOCKERS = 5  # named in the answer; one is enough to refuse

# What blocks withdrawing the import `import_id` here, named, at most MAX_BLOCKERS.
Blockers = Callable[[AsyncSession, str], Awaitable[list[str]]]
# Undoes the import's part here (tenant, the command's data); what it undid, counted per kind.
Undo = Callable[[AsyncSession, str, dict[str, Any]], Awaitable[dict[str, int]]]


@dataclass(frozen=True)
class ImportPart:
    service: str
    outbox: Table
    load: Handler
    blockers: Blockers
    undo: Undo

    def subscription(self) -> Subscription:
        return Subscription(
            durable=f"{self.service}-imports",
            subjects=(
                subject_for("imports", "import.batch"),
                subject_for("imports", "import.withdraw"),
            ),
            handler=self._handle,
            batch=1,
        )

    def responders(self) -> dict[str, Responder]:
        return {withdrawable_subject(self.service): self._answer}

    async def _handle(self, session: AsyncSession, event: Event) -> None:
        if event.type == "import.withdraw":
            await self._withdraw(session, event)
        else:
            await self.load(session, event)

    async def _answer(self, runtime: Runtime, data: bytes) -> bytes:
        """`{tenant, import_id}` → `{ok: true, blocks: [...]}`."""
        body: dict[str, Any] = json.loads(data)
        async with runtime.db.tenant_transaction(body["tenant"]) as session:
            blocks = await self.blockers(session, str(body["import_id"]))
        return json.dumps({"ok": True, "blocks": blocks}).encode()

    async def _withdraw(self, session: AsyncSession, event: Event) -> None:
        assert event.tenant
        import_id = str(event.data["import_id"])
        blocks = await self.blockers(session, import_id)
        answer: dict[str, Any] = {"import_id": import_id, "withdrawn": not blocks}
        if blocks:
            answer["blocks"] = blocks
        else:
            answer["undone"] = await self.undo(session, event.tenant, event.data)
        withdrawn = Event.new(self.service, "import.withdrawn", event.tenant, answer)
        await add_event(session, self.outbox, withdrawn)
