"""Waiting for what the platform does a moment later (an event reaching another service, a
cache cleared, a job finished): ask again until the answer is the awaited one, never sleep a
fixed time. Both return the last answer when time runs out, so the caller's assert shows what
was there instead of a bare timeout."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


def eventually(
    probe: Callable[[], T],
    until: Callable[[T], object] = bool,
    *,
    seconds: float = 15,
    every: float = 0.3,
) -> T:
    """The first answer of `probe` that `until` accepts (by default: a truthy one), asking every
    `every` seconds; after `seconds` the last answer, accepted or not."""
    deadline = time.monotonic() + seconds
    while True:
        answer = probe()
        if until(answer) or time.monotonic() > deadline:
            return answer
        time.sleep(every)


async def eventually_async(
    probe: Callable[[], Awaitable[T]],
    until: Callable[[T], object] = bool,
    *,
    seconds: float = 15,
    every: float = 0.1,
) -> T:
    """`eventually` for a coroutine `probe`, without blocking the event loop."""
    deadline = time.monotonic() + seconds
    while True:
        answer = await probe()
        if until(answer) or time.monotonic() > deadline:
            return answer
        await asyncio.sleep(every)
