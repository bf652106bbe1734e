"""The policy list as a clerk's table needs it: each policy with its holder's name, sorted by
number either way, paged by cursor in that order."""

import httpx

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.policies import accepted_policy
from tests.support.products import APPLICANT, HOME_QUOTE


def test_policies_sorted_by_number_with_their_holders_name(
    stack: Stack, gateway: httpx.Client, keycloak: KeycloakTestAdmin, operator: Api, tenant: str
) -> None:
    first = accepted_policy(stack, gateway, keycloak, operator.headers(tenant), tenant, HOME_QUOTE)
    clerk = first.clerk
    entered = gateway.post(
        "/api/policies/applications",
        json={
            "product": {"code": "HOME", "version": 1},
            "applicant": {**APPLICANT, "name": "A. Jansen", "email": "a.jansen@example.nl"},
            "start_date": HOME_QUOTE["start_date"],
            "frequency": "annual",
            "coverages": ["BASIC"],
            "risk": HOME_QUOTE["risk"],
        },
        headers=clerk,
    )
    assert entered.status_code == 201, entered.text
    accepted = gateway.post(
        f"/api/policies/applications/{entered.json()['id']}/accept", headers=clerk
    )
    assert accepted.status_code == 200, accepted.text

    def listed(**query: str | int) -> dict[str, object]:
        answer = gateway.get("/api/policies", params=query, headers=clerk)
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    ascending = listed(sort="number")["items"]
    assert isinstance(ascending, list)
    numbers = [p["number"] for p in ascending]
    assert len(numbers) == 2 and numbers == sorted(numbers)
    assert [p["holder_name"] for p in ascending] == ["J. de Vries", "A. Jansen"]
    assert ascending[0]["id"] == first.policy_id

    newest = listed(sort="-number", limit=1)
    assert [p["number"] for p in newest["items"]] == [numbers[1]]  # type: ignore[attr-defined]
    older = listed(sort="-number", limit=1, cursor=str(newest["next_cursor"]))
    assert [p["number"] for p in older["items"]] == [numbers[0]]  # type: ignore[attr-defined]
    assert older["next_cursor"] is None

    wrong = gateway.get("/api/policies", params={"sort": "holder"}, headers=clerk)
    assert wrong.status_code == 422
    assert [e["field"] for e in wrong.json()["errors"]] == ["sort"]
