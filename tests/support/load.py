"""Users' clients in processes of their own, as clerks of different tenants are on different
machines: one client's latencies are not those of a test process whose other threads hold the
interpreter's lock. A client that only makes load (`nice`) gives way to the platform on the
machine's cores, as a client elsewhere takes none of them."""

import multiprocessing
import os
import time
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event

import httpx

Requests = list[tuple[str, dict[str, str]]]


def _ask(
    base_url: str, requests: Requests, paged: bool, nice: int, stop: Event, results: Connection
) -> None:
    os.nice(nice)
    timings: list[float] = []
    failures: list[str] = []
    with httpx.Client(base_url=base_url, timeout=30) as client:
        while not stop.is_set():
            for path, headers in requests:
                cursor = None
                while not stop.is_set():
                    started = time.perf_counter()
                    params = {"cursor": cursor} if cursor else None
                    answer = client.get(path, params=params, headers=headers)
                    timings.append((time.perf_counter() - started) * 1000)
                    if answer.status_code != 200:
                        failures.append(f"{path}: {answer.status_code} {answer.text[:200]}")
                        break
                    cursor = answer.json()["next_cursor"] if paged else None
                    if cursor is None:
                        break
    results.send((timings, failures))


class Asker:
    """Asks `requests` in turn, from its own process, from start until `stop`; `paged`: follows
    each list's `next_cursor` to its end before the next."""

    def __init__(
        self, base_url: str, requests: Requests, *, paged: bool = False, nice: int = 0
    ) -> None:
        context = multiprocessing.get_context("spawn")
        self._stop = context.Event()
        self._results, sending = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_ask,
            args=(base_url, requests, paged, nice, self._stop, sending),
            daemon=True,
        )
        self._process.start()

    def stop(self) -> list[float]:
        """The latencies in ms; each answer was 200."""
        self._stop.set()
        assert self._results.poll(60), "the asking process did not answer"
        timings, failures = self._results.recv()
        self._process.join(timeout=10)
        assert not failures, failures[:5]
        return list(timings)
