"""A background job's own process: `python -m servicekit.job_worker`, started by the service's
`JobRunner` for each job it claims. The job's work (a renewal run's planning and its inserts of
thousands of rows) so never holds the service's event loop, nor its interpreter lock, while the
service answers every tenant's requests.

The runner writes one JSON line to the worker's stdin: the handler (`module:function`), the
database URL and the job. The worker runs the handler with its own connections and reports on
stdout, a JSON object a line: `{"done": n, "total": t}` as it goes, then `{"result": {...}}` or
`{"error": "..."}`. It ends when its stdin closes, so it never outlives the service that started
it (even one killed with SIGKILL); the job's lease then lapses and the job runs again."""

import asyncio
import importlib
import json
import os
import sys
import threading
from typing import Any

# Background work yields the processor to the services' requests whenever both want it, from
# the first moment: importing the service's modules is a second of processor time too.
os.nice(10)


def _say(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _end_with_parent() -> None:
    """Exit at once when the service's end of the pipe closes."""
    while sys.stdin.buffer.read(65536):
        pass
    os._exit(1)


async def _run(order: dict[str, Any]) -> None:
    from servicekit.db import Database  # imported once the process has lowered its priority
    from servicekit.jobs import Job
    from servicekit.logs import setup_logging

    # Its log lines go where the service's go (stderr is the service's); stdout is for the runner.
    setup_logging(f"job-{order['job']['kind']}", "INFO", stream=sys.stderr)

    module, _, name = str(order["handler"]).partition(":")
    handler = getattr(importlib.import_module(module), name)
    db = Database(str(order["database_url"]), pool_size=2)

    async def progress(done: int, total: int | None = None) -> None:
        _say({"done": done, "total": total})

    try:
        result = await handler(db, Job(**order["job"]), progress)
        _say({"result": result})
    finally:
        await db.dispose()


def main() -> int:
    order = json.loads(sys.stdin.readline())
    threading.Thread(target=_end_with_parent, daemon=True).start()
    try:
        asyncio.run(_run(order))
    except Exception as exc:
        _say({"error": str(exc)[:500] or type(exc).__name__})
        return 1
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # not through the interpreter's shutdown: the stdin reader is still waiting
