"""Who may publish and subscribe to what on NATS: one user per component, allowed only its own
events, its own consumers and the questions it asks or answers. Only the identity service may
answer `identity.access.resolve`, which the gateway trusts for its access decisions; a service
cannot publish another's events or take another's consumer.

The server's configuration is made from this table: by `make up` and the tests (devstack.nats)
and, for Kubernetes, committed in deploy/k8s/base/nats/nats.conf (a test compares the two). A test
also checks the table against what each service subscribes to and answers.
"""

import json
from dataclasses import dataclass

from servicekit.events import DEADLETTER_STREAM, EVENTS_STREAM, wake_subject
from servicekit.request_reply import (
    CLAIMS_IMPORT_CHECK,
    LEDGER_COLLECTION_PLAN,
    LEDGER_IMPORT_CHECK,
    POLICY_IMPORT_CHECK,
    PRODUCT_IMPORT_CHECK,
    RATE_SUBJECT,
    RESOLVE_SUBJECT,
    withdrawable_subject,
)

ADMIN = "admin"  # operators' tools (dead letters) and the tests: everything


@dataclass(frozen=True)
class Component:
    """A NATS user: `durables` it consumes from the event stream, subjects it `answers` and
    `asks`, and core subjects it `follows` (besides its own events, which it publishes)."""

    name: str
    durables: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()
    follows: tuple[str, ...] = ()
    makes_streams: bool = True  # creates the streams at start (the services do)
    # Keeps an outbox, whose relays the component's other processes (the renewal command) may
    # wake (servicekit.events.wake_subject).
    has_outbox: bool = True


COMPONENTS = (
    Component("identity", durables=("identity-audit",), answers=(RESOLVE_SUBJECT,)),
    Component(
        "product",
        durables=("product-application-decisions",),
        answers=(RATE_SUBJECT, PRODUCT_IMPORT_CHECK),
    ),
    Component(
        "policy",
        durables=("policy-applications", "policy-imports"),
        answers=(POLICY_IMPORT_CHECK, withdrawable_subject("policy")),
        asks=(RATE_SUBJECT, LEDGER_COLLECTION_PLAN),
    ),
    Component(
        "claims",
        durables=(
            "claims-imports",
            "claims-policies",
            "claims-relations",
            "claims-premiums",
            "claims-premium-bundles",
        ),
        answers=(CLAIMS_IMPORT_CHECK, withdrawable_subject("claims")),
    ),
    Component(
        "ledger",
        durables=(
            "ledger-tenants",
            "ledger-premiums",
            "ledger-premium-bundles",
            "ledger-claim-payments",
            "ledger-imports",
            "ledger-relations",
            "ledger-policies",
            "ledger-letterheads",
        ),
        answers=(LEDGER_IMPORT_CHECK, LEDGER_COLLECTION_PLAN, withdrawable_subject("ledger")),
    ),
    Component(
        "imports",
        durables=("imports-loaded", "imports-withdrawn"),
        asks=(
            PRODUCT_IMPORT_CHECK,
            POLICY_IMPORT_CHECK,
            CLAIMS_IMPORT_CHECK,
            LEDGER_IMPORT_CHECK,
            *(withdrawable_subject(s) for s in ("policy", "claims", "ledger")),
        ),
    ),
    # The gateway publishes its audit records and follows identity's events to drop what it
    # remembered of a tenant's rights.
    Component(
        "gateway",
        asks=(RESOLVE_SUBJECT,),
        follows=("events.identity.>",),
        makes_streams=False,
        has_outbox=False,
    ),
)


def inbox_prefix(component: str) -> str:
    """Where replies to `component` arrive: its own, so no other user may read them."""
    return f"_INBOX_{component}"


def permissions(component: Component) -> dict[str, object]:
    api = "$JS.API"
    publish = [f"events.{component.name}.>"]
    if component.makes_streams:
        for stream in (EVENTS_STREAM, DEADLETTER_STREAM):
            publish += [f"{api}.STREAM.INFO.{stream}", f"{api}.STREAM.CREATE.{stream}"]
    for durable in component.durables:
        publish += [
            f"{api}.CONSUMER.DURABLE.CREATE.{EVENTS_STREAM}.{durable}",
            f"{api}.CONSUMER.INFO.{EVENTS_STREAM}.{durable}",
            f"{api}.CONSUMER.MSG.NEXT.{EVENTS_STREAM}.{durable}",
            f"$JS.ACK.{EVENTS_STREAM}.{durable}.>",
            f"deadletter.{durable}",
        ]
    publish += list(component.asks)
    subscribe = [f"{inbox_prefix(component.name)}.>", *component.answers, *component.follows]
    if component.has_outbox:
        publish.append(wake_subject(component.name))
        subscribe.append(wake_subject(component.name))
    granted: dict[str, object] = {"publish": {"allow": publish}, "subscribe": {"allow": subscribe}}
    if component.answers:
        granted["allow_responses"] = True  # a reply to the requester, and only that
    return granted


def authorization(passwords: dict[str, str]) -> str:
    """The server's `authorization` block: each user of `passwords` (a component or `admin`,
    who may do everything) with its password, a literal or `$NAME` of an environment variable
    (nats-server reads those unquoted), and its permissions."""
    lines = ["authorization {", "  users = ["]
    for name, password in passwords.items():
        fields = [
            f"user: {json.dumps(name)}",
            f"password: {password if password.startswith('$') else json.dumps(password)}",
        ]
        if name != ADMIN:
            [component] = [c for c in COMPONENTS if c.name == name]
            fields.append(f"permissions: {json.dumps(permissions(component), sort_keys=True)}")
        lines.append("    {" + ", ".join(fields) + "},")
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"
