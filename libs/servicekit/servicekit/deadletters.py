"""Inspect and replay parked messages: `python -m servicekit.deadletters list|replay`.

A message lands in the DEADLETTER stream after its consumer gave up on it. `list` shows each
with its stream sequence, consumer, original subject and error; `replay SEQ` publishes it again
on its original subject (under a new message id, since JetStream may still remember the old one)
and removes it from the dead-letter stream. The consumer's inbox still guards against doubles.
"""

import argparse
import asyncio
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from nats.js import JetStreamContext
from nats.js.errors import NotFoundError

from servicekit import messaging
from servicekit.events import DEADLETTER_STREAM


@dataclass(frozen=True)
class DeadLetter:
    sequence: int
    consumer: str
    subject: str
    error: str
    data: bytes


async def list_deadletters(js: JetStreamContext) -> list[DeadLetter]:
    info = await js.stream_info(DEADLETTER_STREAM)
    found: list[DeadLetter] = []
    if not info.state.messages:
        return found
    for seq in range(max(info.state.first_seq, 1), info.state.last_seq + 1):
        try:
            msg = await js.get_msg(DEADLETTER_STREAM, seq)
        except NotFoundError:
            continue
        headers = msg.headers or {}
        found.append(
            DeadLetter(
                sequence=seq,
                consumer=headers.get("Backoffice-Consumer", "?"),
                subject=headers.get("Backoffice-Original-Subject", "?"),
                error=headers.get("Backoffice-Error", ""),
                data=msg.data or b"",
            )
        )
    return found


async def replay(js: JetStreamContext, sequence: int) -> DeadLetter:
    letter = next((d for d in await list_deadletters(js) if d.sequence == sequence), None)
    if letter is None:
        raise LookupError(f"no dead letter with sequence {sequence}")
    await js.publish(letter.subject, letter.data, headers={"Nats-Msg-Id": str(uuid.uuid4())})
    await js.delete_msg(DEADLETTER_STREAM, sequence)
    return letter


async def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m servicekit.deadletters")
    parser.add_argument("--nats", default=os.environ.get("NATS_URL", "nats://127.0.0.1:4222"))
    parser.add_argument(
        "--ca-file", type=Path, default=os.environ.get("NATS_CA_FILE"), help="for a tls:// URL"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="show parked messages as JSON lines")
    again = commands.add_parser("replay", help="publish a parked message again")
    again.add_argument("sequence", type=int)
    args = parser.parse_args(argv)
    nc = await messaging.connect(args.nats, "deadletters-cli", ca_file=args.ca_file)
    try:
        js = nc.jetstream()
        if args.command == "list":
            for letter in await list_deadletters(js):
                print(
                    json.dumps(
                        {
                            "sequence": letter.sequence,
                            "consumer": letter.consumer,
                            "subject": letter.subject,
                            "error": letter.error,
                            "event": letter.data.decode(errors="replace"),
                        }
                    )
                )
        else:
            letter = await replay(js, args.sequence)
            print(f"replayed {letter.sequence} to {letter.subject}")
    finally:
        await nc.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(_main()))
