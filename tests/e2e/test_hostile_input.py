"""Hostile and careless input through the gateway: every one gets a clear 4xx problem answer,
never a 5xx, and changes nothing (NUL bytes in bodies and query parameters, cursors made up,
JSON nested hundreds of levels deep, control characters and dot segments in the path, numbers
beyond their column, a month that does not exist)."""

import httpx

from tests.conftest import Api

CURSOR_OF_ANOTHER_SHAPE = "eyJhIjoxfQ"  # base64 of {"a":1}: well-formed, but no key of ours


def _problem(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, (response.request.url, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, object] = response.json()
    return body


def test_nul_bytes_are_refused_and_change_nothing(operator: Api, tenant: str) -> None:
    h = operator.headers(tenant)
    person = {
        "kind": "person",
        "name": "Jan\u0000de Boer",
        "date_of_birth": "1980-01-01",
        "address": {"street": "Damrak", "house_number": 1, "postcode": "1012 LG", "city": "A"},
        "roles": ["policyholder"],
    }
    _problem(operator.client.post("/api/relations", json=person, headers=h), 422)
    _problem(operator.client.get("/api/relations", params={"name": "a\x00"}, headers=h), 422)
    listed = operator.client.get("/api/relations", headers=h)
    assert listed.status_code == 200 and listed.json()["items"] == []
    for path in ("/api/policies/x%00", "/api/relations/%00"):
        refused = _problem(operator.client.get(path, headers=h), 400)
        assert "control character" in str(refused["detail"])


def test_made_up_cursors_are_refused(operator: Api, tenant: str) -> None:
    h = operator.headers(tenant)
    for path in (
        "/api/relations",
        "/api/policies",
        "/api/policies/applications",
        "/api/ledger/journal-entries",
        "/api/debtors/receipts",
        "/api/claims",
    ):
        answer = operator.client.get(path, params={"cursor": CURSOR_OF_ANOTHER_SHAPE}, headers=h)
        assert answer.status_code < 500, (path, answer.text)
        if answer.status_code != 200:  # a text key may take any text: then it finds nothing
            assert _problem(answer, 422)["errors"] == [
                {"field": "cursor", "message": "not a cursor"}
            ]


def test_deep_nesting_and_numbers_beyond_their_column(operator: Api, tenant: str) -> None:
    h = {**operator.headers(tenant), "content-type": "application/json"}
    deep = b'{"code": "X", "questions": ' + b"[" * 600 + b"]" * 600 + b"}"
    body = _problem(operator.client.post("/api/products", content=deep, headers=h), 422)
    assert body["errors"] == [{"field": "body", "message": "nested deeper than 32 levels"}]
    version = operator.client.get("/api/products/HOME/versions/99999999999", headers=h)
    assert version.status_code in (404, 422), version.text
    _problem(operator.client.post("/api/ledger/periods/0000-01/close", headers=h), 422)


def test_paths_are_canonical_before_anything_is_decided(operator: Api, tenant: str) -> None:
    h = operator.headers(tenant)
    for path in ("/api/relations/%2e", "/api/relations/%2e%2e", "/api//relations", "/api/a%2Fb"):
        _problem(operator.client.get(path, headers=h), 400)
    # The internal address of a service never leaves the gateway in a redirect.
    answer = operator.client.get("/api/relations/", headers=h, follow_redirects=False)
    assert "127.0.0.1" not in answer.headers.get("location", "")
