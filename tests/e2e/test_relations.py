"""Relations through the gateway: entered with their address checked and normalised, found by
name, address and e-mail, possible duplicates flagged, every change kept as history and
published, and each right doing only what it says."""

import asyncio
import uuid
from typing import Any

import httpx
import jsonschema

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.events import SCHEMAS, events_of
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.tenants import create_login
from tests.support.waiting import eventually

ADDRESS = {"street": "Damrak", "house_number": 1, "postcode": "1012lg", "city": "Amsterdam"}
PERSON = {
    "name": "J. de Vries",
    "date_of_birth": "1990-05-17",
    "email": "J.deVries@example.nl",
    "iban": "NL91 ABNA 0417 1643 00",
    "address": ADDRESS,
    "roles": ["policyholder"],
}


def test_relations_are_kept_with_history(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    clerk = create_login(gateway, keycloak, by, tenant, {"protocols": ["policy-clerk"]}).headers()

    bad = {**PERSON, "iban": "NL91ABNA0417164301", "address": {**ADDRESS, "postcode": "123"}}
    refused = gateway.post("/api/relations", json=bad, headers=clerk)
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {"iban", "address.postcode"}
    assert gateway.get("/api/relations", headers=clerk).json()["items"] == []

    advisor = _created(
        gateway,
        clerk,
        {
            "kind": "organization",
            "name": "Adviesburo Bakker B.V.",
            "coc_number": "12345678",
            "address": {**ADDRESS, "house_number": 20},
            "roles": ["advisor", "intermediary"],
        },
    )
    person = _created(gateway, clerk, {**PERSON, "advisor_id": advisor["id"]})
    assert person["address"]["postcode"] == "1012 LG" and person["iban"] == "NL91ABNA0417164300"
    assert person["possible_duplicates"] == [] and person["advisor_id"] == advisor["id"]

    # Only advisors and intermediaries advise.
    not_advisor = {**PERSON, "name": "P. Jansen", "advisor_id": person["id"]}
    refused = gateway.post("/api/relations", json=not_advisor, headers=clerk)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "advisor_id"

    partner = _created(
        gateway,
        clerk,
        {**PERSON, "name": "Anna de Vries", "date_of_birth": "1991-01-02", "email": None},
    )
    [duplicate] = partner["possible_duplicates"]
    assert duplicate["id"] == person["id"]
    assert duplicate["reasons"] == ["same IBAN", "same surname at the same address"]

    def found(**query: Any) -> set[str]:
        answer = gateway.get("/api/relations", params=query, headers=clerk)
        assert answer.status_code == 200, answer.text
        return {r["name"] for r in answer.json()["items"]}

    assert found(name="vries") == {"J. de Vries", "Anna de Vries"}
    assert found(postcode="1012 lg", house_number=1) == {"J. de Vries", "Anna de Vries"}
    assert found(email="j.devries@EXAMPLE.nl") == {"J. de Vries"}
    assert found(role="advisor") == {"Adviesburo Bakker B.V."}
    assert found(name="100%_") == set()

    moved = gateway.patch(
        f"/api/relations/{person['id']}",
        json={"address": {"street": "Kalverstraat", "house_number": 92, "postcode": "1012ph"}},
        headers=clerk,
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["address"]["postcode"] == "1012 PH" and moved.json()["row_version"] == 2
    assert moved.json()["address"]["city"] == "Amsterdam"
    wrong = gateway.patch(
        f"/api/relations/{person['id']}", json={"iban": "NL00ABNA0417164300"}, headers=clerk
    )
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "iban"
    history = gateway.get(f"/api/relations/{person['id']}/history", headers=clerk).json()
    assert [h["change"] for h in history] == ["created", "updated"]
    assert history[1]["before"]["address"]["street"] == "Damrak"
    assert history[1]["after"]["address"]["street"] == "Kalverstraat"
    assert gateway.get(f"/api/relations/{uuid.uuid4()}", headers=clerk).status_code == 404

    # Another tenant does not see it.
    other = f"t-{uuid.uuid4().hex[:12]}"
    assert operator.post("/api/identity/tenants", {"slug": other, "name": other}).is_success
    elsewhere = gateway.get(f"/api/relations/{person['id']}", headers=operator.headers(other))
    assert elsewhere.status_code == 404

    events = eventually(
        lambda: [
            e for e in asyncio.run(events_of(stack, tenant)) if e["type"] == "relation.changed"
        ],
        lambda found: len(found) >= 4,
        seconds=10,
    )
    assert [e["data"]["change"] for e in events] == ["created"] * 3 + ["updated"]
    for event in events:
        jsonschema.validate(event, SCHEMAS["relation.changed"])


def test_each_right_does_only_what_it_says(
    gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    by = operator.headers(tenant)
    clerk = create_login(gateway, keycloak, by, tenant, {"protocols": ["policy-clerk"]}).headers()
    relation = _created(gateway, clerk, PERSON)
    changer = create_login(
        gateway,
        keycloak,
        by,
        tenant,
        {"protocols": [], "rights": [{"module": "relations", "action": "change"}]},
    ).headers()
    moved = gateway.patch(
        f"/api/relations/{relation['id']}", json={"address": {"house_number": 3}}, headers=changer
    )
    assert moved.status_code == 200 and moved.json()["address"]["house_number"] == 3
    assert gateway.post("/api/relations", json=PERSON, headers=changer).status_code == 403
    assert gateway.get("/api/policies/applications", headers=changer).status_code == 403
    viewer = create_login(
        gateway,
        keycloak,
        by,
        tenant,
        {"protocols": [], "rights": [{"module": "policies", "action": "view"}]},
    ).headers()
    assert gateway.get("/api/policies/applications", headers=viewer).status_code == 200
    refused = gateway.patch(f"/api/relations/{relation['id']}", json={"name": "X"}, headers=viewer)
    assert refused.status_code == 403


def _created(gateway: httpx.Client, headers: dict[str, str], body: dict[str, Any]) -> Any:
    answer = gateway.post("/api/relations", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    return answer.json()
