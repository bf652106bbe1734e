"""The gateway's audit records, against the real NATS: decisions taken while a publish is on its
way go out together in one event per tenant; each caller returns only once its record is
acknowledged, and is refused (an exception) when it cannot be."""

import asyncio
import json
import uuid

import nats
import pytest

from backoffice_gateway.audit import AccessRecord, AuditRecorder
from devstack.stack import Stack


def _record(tenant: str, n: int) -> AccessRecord:
    return AccessRecord(
        tenant=tenant,
        subject="s",
        username=f"clerk@{tenant}",
        acting_as="employee",
        grant_id=None,
        module="ledger",
        action="view",
        method="GET",
        path="/api/ledger/accounts",
        outcome="allowed",
        status=200,
        request_id=f"r{n}",
        detail=None,
    )


async def _events_of(nc: nats.NATS, tenants: set[str]) -> list[dict[str, object]]:
    js = nc.jetstream()
    info = await js.stream_info("EVENTS")
    found = []
    for seq in range(max(info.state.first_seq, 1), info.state.last_seq + 1):
        event = json.loads((await js.get_msg("EVENTS", seq)).data or b"{}")
        if event.get("tenant") in tenants:
            found.append(event)
    return found


def test_decisions_taken_together_go_out_together(stack: Stack) -> None:
    async def scenario() -> None:
        a, b = f"a-{uuid.uuid4().hex[:8]}", f"b-{uuid.uuid4().hex[:8]}"
        nc = await nats.connect(stack.nats.url)
        try:
            recorder = AuditRecorder(nc)
            await asyncio.gather(
                *(recorder.record(_record(a if n % 4 else b, n)) for n in range(40))
            )
            events = await _events_of(nc, {a, b})
            by_tenant: dict[str, list[str]] = {}
            for event in events:
                records = event["data"]["records"]  # type: ignore[index]
                by_tenant.setdefault(str(event["tenant"]), []).extend(
                    r["request_id"] for r in records
                )
            assert sorted(by_tenant[a]) == sorted(f"r{n}" for n in range(40) if n % 4)
            assert sorted(by_tenant[b]) == sorted(f"r{n}" for n in range(0, 40, 4))
            assert len(events) == 2  # taken in one tick: one event per tenant
            # One at a time, each goes out at once, on its own.
            await recorder.record(_record(a, 40))
            await recorder.record(_record(a, 41))
            assert len(await _events_of(nc, {a})) == 3
        finally:
            await nc.close()

    asyncio.run(scenario())


def test_a_record_that_cannot_be_published_refuses_its_request(stack: Stack) -> None:
    async def scenario() -> None:
        nc = await nats.connect(stack.nats.url)
        recorder = AuditRecorder(nc)
        await nc.close()
        with pytest.raises(Exception):  # noqa: B017 - whatever NATS raises, the caller sees it
            await asyncio.gather(*(recorder.record(_record("t-closed", n)) for n in range(3)))
        assert recorder.waiting == [] and recorder.flushing is None

    asyncio.run(scenario())
