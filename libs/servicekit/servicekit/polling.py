"""The pause of a background poll (the outbox relay, a consumer's lanes, the job runner) that
found nothing to do: at rest each asks its database ever less often, up to SLOWEST apart, instead
of every half second, so that six idle services leave the machine's cores to the requests. Work
found, or a wake-up from within the process (an event or job committed here, events taken in),
brings the poll back to its fastest pace at once; a wake-up ends the pause."""

import asyncio

SLOWEST = 2.0  # seconds between two polls of a service at rest


class IdlePause:
    def __init__(self, wake: asyncio.Event, fastest: float, slowest: float = SLOWEST) -> None:
        self.wake = wake
        self.fastest = fastest
        self.slowest = max(slowest, fastest)
        self.seconds = fastest

    def found_work(self) -> None:
        """The poll found something: the next pause is the shortest again."""
        self.seconds = self.fastest

    async def wait(self) -> None:
        """Until the wake-up is set, at most the current pause; a pause that ran out doubles
        the next one (up to `slowest`), a wake-up makes the next one the shortest again. The
        caller clears the wake-up before it looks for work, so none is missed."""
        try:
            await asyncio.wait_for(self.wake.wait(), self.seconds)
        except TimeoutError:
            self.seconds = min(self.seconds * 2, self.slowest)
        else:
            self.seconds = self.fastest
