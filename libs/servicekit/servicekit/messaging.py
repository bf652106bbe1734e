"""The NATS connection and the JetStream streams every service relies on."""

import asyncio
import logging
import ssl
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.api import StorageType, StreamConfig
from nats.js.errors import BadRequestError

from servicekit.events import (
    DEADLETTER_STREAM,
    DEADLETTER_SUBJECTS,
    EVENTS_STREAM,
    EVENTS_SUBJECTS,
)
from servicekit.nats_accounts import inbox_prefix

log = logging.getLogger(__name__)


async def connect(
    url: str,
    name: str,
    on_reconnected: Callable[[], Awaitable[None]] | None = None,
    ca_file: Path | None = None,
) -> Client:
    """Connect and keep reconnecting for ever: a NATS restart must not stop a service. With
    `ca_file` (a `tls://` URL in a cluster) the server's certificate must be signed by that CA."""

    async def on_disconnect() -> None:
        log.warning("disconnected from NATS")

    async def on_reconnect() -> None:
        log.info("reconnected to NATS")
        if on_reconnected is not None:
            await on_reconnected()

    async def on_error(exc: Exception) -> None:
        log.warning("NATS error: %s", exc)

    return await nats.connect(
        url,
        name=name,
        # Replies arrive on the inbox subjects of the URL's user, which only it may read.
        inbox_prefix=inbox_prefix(user) if (user := urlsplit(url).username) else "_INBOX",
        tls=ssl.create_default_context(cafile=str(ca_file)) if ca_file else None,
        max_reconnect_attempts=-1,
        reconnect_time_wait=0.5,
        allow_reconnect=True,
        connect_timeout=2,
        disconnected_cb=on_disconnect,
        reconnected_cb=on_reconnect,
        error_cb=on_error,
    )


async def ensure_streams(js: JetStreamContext, replicas: int = 1) -> None:
    """Create the event and dead-letter streams, or leave them as they are."""
    configs = [
        StreamConfig(
            name=EVENTS_STREAM,
            subjects=[EVENTS_SUBJECTS],
            storage=StorageType.FILE,
            num_replicas=replicas,
            duplicate_window=120,
        ),
        StreamConfig(
            name=DEADLETTER_STREAM,
            subjects=[DEADLETTER_SUBJECTS],
            storage=StorageType.FILE,
            num_replicas=replicas,
        ),
    ]
    for config in configs:
        for attempt in range(5):
            try:
                await js.add_stream(config)
                break
            except BadRequestError:
                # Another service created it a moment ago with the same settings, or it exists.
                await js.stream_info(config.name or "")
                break
            except Exception:
                if attempt == 4:
                    raise
                await asyncio.sleep(0.5 * (attempt + 1))
