"""One trace covers gateway -> service -> NATS -> consumer, as exported over OTLP."""

import uuid

from tests.support.api import Api
from tests.support.otlp import OtlpReceiver
from tests.support.waiting import eventually


def test_one_trace_from_gateway_to_consumer(operator: Api, otlp: OtlpReceiver) -> None:
    trace_id = uuid.uuid4().hex
    parent = uuid.uuid4().hex[:16]
    slug = f"t-{uuid.uuid4().hex[:12]}"
    response = operator.client.post(
        "/api/identity/tenants",
        json={"slug": slug, "name": "Traced"},
        headers={**operator.headers(), "traceparent": f"00-{trace_id}-{parent}-01"},
    )
    assert response.status_code == 201
    wanted = {
        ("gateway", "POST /api/identity/tenants"),
        ("identity", "POST /api/identity/tenants"),
        ("identity", "publish events.identity.tenant.registered"),
        ("ledger", "consume events.identity.tenant.registered"),
    }
    seen = eventually(
        lambda: {(s.service, s.name) for s in otlp.trace(trace_id)},
        lambda found: wanted <= found,
        seconds=20,
    )
    assert wanted <= seen, seen
    spans = otlp.trace(trace_id)
    # One span for the request in the service, not a second server span and one for each of
    # its dependencies and its serialisation (FastAPI's own telemetry, switched off).
    in_identity = [s.name for s in spans if s.service == "identity" and "/api/" in s.name]
    assert in_identity == ["POST /api/identity/tenants"], in_identity
    by_id = {s.span_id: s for s in spans}
    consume = next(s for s in spans if s.name.startswith("consume"))
    # Walk up from the consumer to the gateway: every link is a real parent.
    chain = [consume]
    while chain[-1].parent_span_id in by_id:
        chain.append(by_id[chain[-1].parent_span_id])
    assert chain[-1].service == "gateway"
    assert chain[-1].parent_span_id == parent
