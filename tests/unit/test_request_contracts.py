"""The request/reply contracts in contracts/requests/ say what the code sends: the gateway's
access question and the identity service's decision (`identity.access.resolve`), the policy
service's rating request and the product service's reply (`product.rate`), refusals included."""

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from identity_service.access import Grant, TenantFacts, decide
from identity_service.realm_setup import REALM_ROLES
from policy_service.timeline import Product, rate_request
from product_service.definition import parse_definition
from product_service.quotes import rate_answers
from product_service.rate_requests import rate_reply
from servicekit.access import ADMIN_ROLE, OPERATOR_ROLE, AccessQuery, Decision
from servicekit.problems import Problem
from servicekit.request_reply import (
    CLAIMS_IMPORT_CHECK,
    INTERNAL_ERROR,
    LEDGER_COLLECTION_PLAN,
    LEDGER_IMPORT_CHECK,
    POLICY_IMPORT_CHECK,
    PRODUCT_IMPORT_CHECK,
    RATE_SUBJECT,
    RESOLVE_SUBJECT,
    refusal,
    withdrawable_subject,
)

REPO = Path(__file__).resolve().parents[2]
REQUESTS = REPO / "contracts" / "requests"
HOME = json.loads((REPO / "examples" / "products" / "home-contents.json").read_text())


def schema(subject: str, part: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((REQUESTS / f"{subject}.{part}.schema.json").read_text())
    return loaded


def valid(subject: str, part: str, message: Any) -> None:
    jsonschema.validate(message, schema(subject, part), format_checker=jsonschema.FormatChecker())


SUBJECTS = (
    RESOLVE_SUBJECT,
    RATE_SUBJECT,
    PRODUCT_IMPORT_CHECK,
    POLICY_IMPORT_CHECK,
    LEDGER_IMPORT_CHECK,
    CLAIMS_IMPORT_CHECK,
    LEDGER_COLLECTION_PLAN,
    *(withdrawable_subject(service) for service in ("policy", "ledger", "claims")),
)


def test_each_subject_has_a_valid_request_and_reply_schema_with_valid_examples() -> None:
    files = sorted(p.name for p in REQUESTS.glob("*.schema.json"))
    assert files == sorted(
        f"{subject}.{part}.schema.json" for subject in SUBJECTS for part in ("request", "reply")
    )
    for subject in SUBJECTS:
        for part in ("request", "reply"):
            document = schema(subject, part)
            jsonschema.Draft202012Validator.check_schema(document)
            assert document["title"] == f"{subject} {part}"
            assert document["examples"]
            for example in document["examples"]:
                valid(subject, part, example)


def test_the_role_names_are_the_realm_roles() -> None:
    assert set(REALM_ROLES) == {OPERATOR_ROLE, ADMIN_ROLE} == {"platform-operator", "tenant-admin"}


QUERIES = [
    AccessQuery("u1", (), "acme", None),
    AccessQuery("op", (OPERATOR_ROLE,), None, "acme"),
    AccessQuery("c", (), "acme", None, client_id="acme-web-1"),
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_access_question_travels_as_specified(query: AccessQuery) -> None:
    body = json.loads(json.dumps(query.to_json()))
    valid(RESOLVE_SUBJECT, "request", body)
    assert AccessQuery.from_json(body) == query


def _decisions() -> list[Decision]:
    expires = datetime.now(UTC) + timedelta(minutes=5)
    grant = Grant("g1", frozenset({"ledger:view", "debtors:view"}), expires)
    return [
        decide(QUERIES[0], TenantFacts("self-managed", ["accountant"], ["claims:view"])),
        decide(QUERIES[0], TenantFacts("self-managed", [], [], login_enabled=False)),
        decide(QUERIES[1], TenantFacts("operator-managed", [], [])),
        decide(QUERIES[1], TenantFacts("self-managed", [], [], grants=[grant])),
        decide(QUERIES[1], None),
        decide(QUERIES[2], TenantFacts("self-managed", [], [], client_active=True)),
    ]


def test_every_kind_of_decision_travels_as_specified_and_back() -> None:
    for decision in _decisions():
        body = json.loads(json.dumps(decision.to_json()))
        valid(RESOLVE_SUBJECT, "reply", body)
        assert body["rights"] == sorted(body["rights"])
        assert Decision.from_json(body) == decision


def test_a_failed_responder_answers_as_specified() -> None:
    for subject in (RESOLVE_SUBJECT, RATE_SUBJECT):
        valid(subject, "reply", json.loads(INTERNAL_ERROR))
    with pytest.raises(KeyError):
        Decision.from_json(json.loads(INTERNAL_ERROR))


def test_the_rating_request_and_reply_travel_as_specified() -> None:
    state = {
        "risk": {
            "birth_date": "1990-05-17",
            "postcode": "1012 LG",
            "sum_insured": 40000,
            "household": "couple",
            "burglary_alarm": True,
        },
        "coverages": [],
        "frequency": "monthly",
    }
    request = rate_request("acme", Product("HOME", 1, date(2026, 3, 1)), state, date(2027, 3, 1))
    valid(RATE_SUBJECT, "request", request)
    definition = parse_definition(HOME)
    result = rate_answers(
        definition,
        request["risk"],
        request["coverages"],
        date.fromisoformat(request["rating_date"]),
        request["frequency"],
    )
    reply = json.loads(json.dumps(rate_reply(definition, HOME["insurer"], result)))
    valid(RATE_SUBJECT, "reply", reply)
    assert reply["lines"] and reply["premium"]["frequency"] == "monthly"
    # The schedule prints the product's and the coverages' names from the rating.
    assert reply["product_name"] == HOME["name"]
    assert next(line["name"] for line in reply["lines"]) == HOME["coverages"][0]["name"]


def test_a_refused_rating_travels_as_specified() -> None:
    for problem in (
        Problem(422, "The quote request is not valid", errors=[{"field": "x", "message": "y"}]),
        Problem(422, "Product HOME version 3 cannot be rated"),
    ):
        valid(RATE_SUBJECT, "reply", json.loads(refusal(problem)))
