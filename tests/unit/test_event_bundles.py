"""A renewal run's documents travel a hundred to an `invoices.issued` event; each consumer takes
each document as the `invoice.issued` it would have been alone, with an id that is the same on
every delivery of the bundle (the ledger's entries are unique by it)."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from policy_service.billing import Amounts
from policy_service.invoicing import Document, document_events
from servicekit.events import BUNDLE, Event, bundled, unbundled
from tests.support.policies import POLICY_ROW

D = Decimal
SCHEMAS = Path(__file__).parents[2] / "contracts" / "events"


def _documents(count: int, coverages: int = 1) -> list[dict[str, Any]]:
    """`invoice.issued` data of `count` monthly invoices of one policy, each of `coverages`
    lines (long codes, large amounts: as large as a line gets)."""
    found = []
    for n in range(count):
        lines = {
            f"COVERAGE-{c:03d}-{'X' * 26}": Amounts(
                D(n) + D("1234567.89"), D("-123456.78"), D("-259259.26")
            )
            for c in range(coverages)
        }
        period = (date(2027, 1, 1), date(2027, 2, 1))
        document = Document(POLICY_ROW, period, lines, "renewal", date(2026, 11, 29))
        found.append(document.event_data(document.row(f"INV{n + 1:07d}")))
    return found


def _schema(name: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
    return loaded


def test_documents_are_bundled_a_hundred_to_an_event_in_order() -> None:
    documents = _documents(2 * BUNDLE + 7)
    bundles = document_events("t-documents", documents, bundle=True)
    assert [len(b.data["invoices"]) for b in bundles] == [BUNDLE, BUNDLE, 7]
    assert [d for b in bundles for d in b.data["invoices"]] == documents
    assert len({b.id for b in bundles}) == 3
    for bundle in bundles:
        assert bundle.subject == "events.policy.invoices.issued"
        jsonschema.validate(json.loads(bundle.encode()), _schema("invoices.issued"))
    assert document_events("t-documents", [], bundle=True) == []
    # Outside a batch run, an event each, as ever.
    alone = document_events("t-documents", documents[:3], bundle=False)
    assert [(e.type, e.data) for e in alone] == [("invoice.issued", d) for d in documents[:3]]


@pytest.mark.parametrize(("coverages", "per_event"), [(20, 100), (21, 95), (100, 20), (3000, 1)])
def test_a_product_with_many_coverages_gets_smaller_bundles(coverages: int, per_event: int) -> None:
    """However many coverages a product has, a bundle stays well inside NATS's 1 MB message
    limit (a larger one could never be published)."""
    documents = _documents(per_event + 1, coverages)
    bundles = document_events("t-documents", documents, bundle=True)
    assert [len(b.data["invoices"]) for b in bundles] == [per_event, 1]
    assert max(len(b.encode()) for b in bundles) < 400_000


def test_the_contract_allows_no_larger_bundle_than_the_code_makes() -> None:
    data = _schema("invoices.issued")["properties"]["data"]  # type: ignore[index]
    assert data["properties"]["invoices"]["maxItems"] == BUNDLE  # type: ignore[index]
    too_many = Event.new("policy", "invoices.issued", "t-documents", {"invoices": _documents(101)})
    errors = list(
        jsonschema.Draft202012Validator(_schema("invoices.issued")).iter_errors(too_many.to_json())
    )
    assert errors and "is too long" in errors[0].message


def test_each_document_comes_out_as_its_own_invoice_issued_the_same_every_time() -> None:
    [bundle] = bundled("policy", "invoices.issued", "t-documents", "invoices", _documents(3))
    again = Event.decode(bundle.encode())  # as a consumer receives it, on any delivery
    alone = unbundled([again], "invoices", "invoice.issued")
    assert [e.data for e in alone] == bundle.data["invoices"]
    assert [e.id for e in alone] == [
        e.id for e in unbundled([bundle], "invoices", "invoice.issued")
    ]
    assert len({e.id for e in alone} | {bundle.id}) == 4
    for event in alone:
        assert (event.type, event.source, event.tenant) == (
            "invoice.issued",
            "policy",
            "t-documents",
        )
        assert event.occurred_at == bundle.occurred_at
        jsonschema.validate(event.to_json(), _schema("invoice.issued"))
