"""NATS refuses what a component is not there to do: a service cannot publish another's events,
read another's consumer or answer the gateway's access question in the identity service's
place; what it is there to do still works."""

import asyncio
import json

import nats
import pytest
from nats.aio.client import Client

from devstack.stack import Stack
from servicekit.events import wake_subject
from servicekit.nats_accounts import inbox_prefix
from servicekit.request_reply import RATE_SUBJECT, RESOLVE_SUBJECT

# A rating of a product no tenant has: refused by the product service, but answered.
QUESTION = json.dumps({"tenant": "nobody", "code": "NONE", "version": 1}).encode()


async def _as(stack: Stack, user: str, errors: list[str]) -> Client:
    async def on_error(exc: Exception) -> None:
        errors.append(str(exc).lower())

    return await nats.connect(
        stack.nats.url_for(user),
        inbox_prefix=inbox_prefix(user),
        error_cb=on_error,
        allow_reconnect=False,
    )


async def _refused(stack: Stack, user: str, attempt: str) -> list[str]:
    """The server's refusals of one attempt by `user`."""
    errors: list[str] = []
    nc = await _as(stack, user, errors)
    try:
        if attempt == "publish another service's event":
            await nc.publish("events.policy.policy.changed", b"{}")
        elif attempt == "answer the access question":
            await nc.subscribe(RESOLVE_SUBJECT, queue="identity")
        elif attempt == "read another service's consumer":
            await nc.publish("$JS.API.CONSUMER.MSG.NEXT.EVENTS.claims-policies", b"1")
        elif attempt == "read the gateway's replies":
            await nc.subscribe(f"{inbox_prefix('gateway')}.>")
        elif attempt == "wake another service's relay":
            await nc.publish(wake_subject("policy"), b"")
        await nc.flush()
        await asyncio.sleep(0.5)  # the refusal comes back asynchronously
    finally:
        await nc.close()
    return errors


@pytest.mark.parametrize(
    "attempt",
    [
        "publish another service's event",
        "answer the access question",
        "read another service's consumer",
        "read the gateway's replies",
        "wake another service's relay",
    ],
)
def test_a_service_is_refused_what_is_not_its_own(stack: Stack, attempt: str) -> None:
    errors = asyncio.run(_refused(stack, "ledger", attempt))
    assert errors and all("permissions violation" in e for e in errors), errors


async def _ask_rate(stack: Stack, user: str) -> dict[str, object]:
    errors: list[str] = []
    nc = await _as(stack, user, errors)
    try:
        reply = await nc.request(RATE_SUBJECT, QUESTION, 5)
        return dict(json.loads(reply.data))
    finally:
        await nc.close()


def test_what_a_service_is_there_for_still_works(stack: Stack) -> None:
    # The policy service asks the product service to rate; the product service answers it (a
    # refusal of a product nobody has, but an answer, through the policy's own inbox).
    reply = asyncio.run(_ask_rate(stack, "policy"))
    assert reply["ok"] is False and reply["status"] == 422, reply


async def _wake_own_relay(stack: Stack, user: str) -> list[str]:
    errors: list[str] = []
    nc = await _as(stack, user, errors)
    try:
        await nc.publish(wake_subject(user), b"")
        await nc.flush()
        await asyncio.sleep(0.5)  # a refusal would come back asynchronously
    finally:
        await nc.close()
    return errors


def test_the_renewal_command_may_wake_its_services_relay(stack: Stack) -> None:
    # The command connects as the policy service's user (servicekit.outbox.ask_to_relay).
    assert asyncio.run(_wake_own_relay(stack, "policy")) == []
