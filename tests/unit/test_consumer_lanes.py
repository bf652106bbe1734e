"""The loop of a consumer's lanes outlives a lane that fails (the database away during a batch
and during its one-by-one retry): the tenant's events are taken again on the next turn. A lane
that took a full batch is followed by the next turn at once, without the gathering pause."""

import asyncio
from typing import Any

from sqlalchemy import MetaData

from servicekit.consumer import ConsumerRunner, Subscription, define_inbox


async def _nothing(*_: Any) -> None:
    return None


class Lanes(ConsumerRunner):
    """The real loop of lanes; the inbox queries answered by a script instead of PostgreSQL."""

    def __init__(self, lanes: list[str]) -> None:
        sub = Subscription("test-lanes", ("events.test",), _nothing, gather=1.0)
        inbox = define_inbox(MetaData())
        super().__init__(db=None, inbox=inbox, js=None, subscription=sub)
        self.script = list(lanes)  # what each turn's lane does: "fail", "full" or "some"
        self.turns: list[str] = []
        self.done = asyncio.Event()

    async def _tenants_waiting(self) -> list[str]:
        return ["t-1"] if self.script else []

    async def _lane(self, tenant: str) -> bool:
        outcome = self.script.pop(0)
        self.turns.append(outcome)
        if not self.script:
            self.done.set()
        if outcome == "fail":
            raise ConnectionRefusedError("the database is away")
        return outcome == "full"

    async def _count_pending(self, waiting: bool) -> None:
        return None


async def _run(lanes: Lanes, seconds: float) -> None:
    task = asyncio.create_task(lanes._lanes())
    try:
        await asyncio.wait_for(lanes.done.wait(), seconds)
        await asyncio.sleep(0.05)
        assert not task.done(), task.exception() if task.done() else None
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def test_a_failed_lane_does_not_end_the_loop() -> None:
    lanes = Lanes(["fail", "fail", "full", "full"])
    await _run(lanes, seconds=10)  # two failed turns pause (1 s gathering each), then two more
    assert lanes.turns == ["fail", "fail", "full", "full"]


async def test_a_full_batch_is_followed_at_once() -> None:
    lanes = Lanes(["full", "full", "full", "some"])
    started = asyncio.get_running_loop().time()
    await _run(lanes, seconds=0.9)  # a 1 s pause after any of the first three: a timeout
    assert lanes.turns == ["full", "full", "full", "some"]
    assert asyncio.get_running_loop().time() - started < 0.9
