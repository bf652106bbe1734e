"""OpenTelemetry for every process: one trace from the gateway through a service into NATS.

There is no maintained instrumentation for nats-py, so the W3C trace context is carried by hand:
`inject` into a dict of headers (outbox rows, NATS messages, HTTP requests), `extract` on the
other side.
"""

import os
from collections.abc import Mapping

from opentelemetry import context, propagate, trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF, ParentBased

_configured = False


def setup_tracing(service_name: str) -> None:
    """Install the tracer provider once; export over OTLP/HTTP when an endpoint is configured."""
    global _configured
    if _configured:
        return
    _configured = True
    resource = Resource.create({"service.name": service_name})
    if os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"):
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider = TracerProvider(resource=resource)
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    else:
        # Nobody collects them: spans keep their ids (in the logs, passed on to the next
        # process) but record nothing, where recording every attribute of spans that were then
        # dropped cost every request.
        provider = TracerProvider(resource=resource, sampler=ParentBased(ALWAYS_OFF))
    trace.set_tracer_provider(provider)


def tracer(name: str) -> trace.Tracer:
    return trace.get_tracer(name)


def inject(headers: dict[str, str] | None = None) -> dict[str, str]:
    carrier: dict[str, str] = dict(headers or {})
    propagate.inject(carrier)
    return carrier


def extract(headers: Mapping[str, str] | None) -> context.Context:
    return propagate.extract(dict(headers or {}))


def current_trace_id() -> str | None:
    span_context = trace.get_current_span().get_span_context()
    return format(span_context.trace_id, "032x") if span_context.is_valid else None
