"""Questions one service answers for another over NATS request/reply (core NATS, queue groups),
for what must be answered now rather than followed as events (docs/adr/0004). Each subject's
request and reply are specified in contracts/requests/<subject>.{request,reply}.schema.json.

`identity.access.resolve`: the gateway asks the identity service who may act for which tenant
with which rights; request `servicekit.access.AccessQuery`, reply `servicekit.access.Decision`.

`product.rate`: the product service rates answers on a stored product version, as it rated the
quote. Request `{tenant, code, version, risk, coverages, frequency, rating_date}`; reply
`{ok: true, decision, reasons, insurer, commission_rate, lines: [{coverage, instalment_net,
tax_rate, causes}], premium}` or `{ok: false, status, detail, errors}` (`ask` and `refusal`).

`<service>.import.check` (product, policy, ledger, claims): the imports service's dry run asks
each service whether the part of a conversion package it will load fits its own data and rules;
replies `{ok: true, ...}` with what does not (`imports_service.lookups`).

`<service>.import.withdrawable` (policy, ledger, claims): before an import is withdrawn, what
blocks withdrawing the service's part; replies `{ok: true, blocks: [...]}`
(`servicekit.import_part`).

`ledger.collection.plan`: for a premium invoice of a policy paying by direct debit, the ledger
says which mandate collects it and on which date (the run's date once collected, else the due
date), and the tenant's creditor identifier; printed on the invoice (`policy_service.documents`).

A responder that fails unexpectedly answers `{"error": "internal"}` (`servicekit.app`).
"""

import json
from typing import Any

from nats.aio.client import Client
from nats.errors import NoRespondersError
from nats.errors import TimeoutError as NatsTimeoutError

from servicekit.problems import Problem

RESOLVE_SUBJECT = "identity.access.resolve"
RATE_SUBJECT = "product.rate"
PRODUCT_IMPORT_CHECK = "product.import.check"
POLICY_IMPORT_CHECK = "policy.import.check"
LEDGER_IMPORT_CHECK = "ledger.import.check"
CLAIMS_IMPORT_CHECK = "claims.import.check"
LEDGER_COLLECTION_PLAN = "ledger.collection.plan"


def withdrawable_subject(service: str) -> str:
    """`<service>.import.withdrawable`: what blocks withdrawing an import's part (see above)."""
    return f"{service}.import.withdrawable"


# The reply of a responder that failed unexpectedly.
INTERNAL_ERROR = b'{"error":"internal"}'


def refusal(problem: Problem) -> bytes:
    """The reply for a responder that raised `problem`; `ask` raises it again at the caller."""
    reply = {"ok": False, "status": problem.status, "detail": problem.detail}
    return json.dumps(reply | {"errors": problem.errors}).encode()


async def ask(nc: Client | None, subject: str, body: dict[str, Any], what: str) -> dict[str, Any]:
    """The reply to `body` on `subject`; 503 if nobody answers in time, the replier's own problem
    (status, detail, errors) if it refuses."""
    if nc is None or not nc.is_connected:
        raise Problem(503, f"The {what} cannot be reached now; try again shortly")
    try:
        msg = await nc.request(subject, json.dumps(body, default=str).encode(), timeout=5)
    except (NatsTimeoutError, NoRespondersError) as exc:
        raise Problem(503, f"The {what} did not answer; try again shortly") from exc
    reply: dict[str, Any] = json.loads(msg.data)
    if not reply.get("ok"):
        raise Problem(
            int(reply.get("status", 502)),
            str(reply.get("detail", f"The {what} failed")),
            errors=reply.get("errors"),
        )
    return reply
