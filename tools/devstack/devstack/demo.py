"""Demo data, made through the gateway the way the tenant's people would make it: the tenant
`demo`, a product developer and a product approver, the example home contents product designed,
approved, tried in test mode and published to the manual channel, the tenant's website and one
intermediary's API client. Running it again changes nothing. API client secrets are shown only
once, so they are kept in `<data dir>/demo.json`. Dev mode only (the logins' passwords are their
names)."""

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[3]
PRODUCT = REPO / "examples" / "products" / "home-contents.json"


@dataclass
class ApiClient:
    client_id: str
    client_secret: str


@dataclass
class Demo:
    tenant: str
    developer: str
    approver: str
    website: ApiClient
    broker: ApiClient

    def sign_in(self, login: str) -> str:
        """What a login of the demo tenant types to sign in (its password is `login`)."""
        return f"{login}@{self.tenant}"

    def client_token(self, keycloak_url: str, client: ApiClient) -> str:
        return _token(
            keycloak_url,
            {
                "grant_type": "client_credentials",
                "client_id": client.client_id,
                "client_secret": client.client_secret,
            },
        )


def _token(keycloak_url: str, form: dict[str, str]) -> str:
    response = httpx.post(
        f"{keycloak_url}/realms/backoffice/protocol/openid-connect/token", data=form, timeout=30
    )
    response.raise_for_status()
    token: str = response.json()["access_token"]
    return token


def password_token(keycloak_url: str, username: str, password: str) -> str:
    form = {"grant_type": "password", "client_id": "backoffice-cli"}
    return _token(keycloak_url, form | {"username": username, "password": password})


def _ok(response: httpx.Response, *accepted: int) -> dict[str, Any]:
    if response.status_code not in (accepted or (200, 201)):
        raise RuntimeError(
            f"demo data: {response.request.method} {response.request.url.path} answered "
            f"{response.status_code}: {response.text[:300]}"
        )
    body: dict[str, Any] = response.json() if response.content else {}
    return body


class _Seeder:
    def __init__(self, gateway: httpx.Client, keycloak_url: str, operator: str, tenant: str):
        self.gw = gateway
        self.keycloak_url = keycloak_url
        self.tenant = tenant
        self.by = {"Authorization": f"Bearer {operator}", "X-Tenant": tenant}

    def login(self, username: str, protocols: list[str]) -> dict[str, str]:
        """A login with `protocols`, its password its name; its bearer header for this tenant."""
        base = f"/api/identity/tenants/{self.tenant}/users"
        made = self.gw.post(
            base,
            json={
                "username": username,
                "email": f"{username}@demo.example",
                "first_name": "Demo",
                "last_name": username,
                "password": username,
                "temporary": False,
            },
            headers=self.by,
        )
        sign_in = f"{username}@{self.tenant}"  # logins are unique within their tenant
        if made.status_code == 409:
            users = _ok(self.gw.get(base, params={"limit": 200}, headers=self.by))["items"]
            user_id = next(u["id"] for u in users if u["username"] == sign_in)
        else:
            user_id = _ok(made, 201)["id"]
        rights = {"protocols": protocols, "rights": []}
        _ok(self.gw.put(f"{base}/{user_id}/rights", json=rights, headers=self.by))
        token = password_token(self.keycloak_url, sign_in, username)
        return {"Authorization": f"Bearer {token}"}

    def api_client(self, name: str, channel: str) -> ApiClient:
        body = {"name": name, "channel": channel, "relation_id": None, "test": False}
        if channel == "intermediary":
            body["relation_id"] = name
        made = _ok(
            self.gw.post(
                f"/api/identity/tenants/{self.tenant}/api-clients", json=body, headers=self.by
            ),
            201,
        )
        return ApiClient(made["client_id"], made["client_secret"])

    def product(self, dev: dict[str, str], approver: dict[str, str], broker: ApiClient) -> None:
        definition = json.loads(PRODUCT.read_text())
        _ok(self.gw.post("/api/products", json=definition, headers=dev), 201, 409)
        base = f"/api/products/{definition['code']}/versions/1"
        channels = {"manual": True, "website": True, "intermediaries": [broker.client_id]}
        steps = {
            "draft": ("submit", dev, None),
            "submitted": ("approve", approver, None),
            "approved": ("test", dev, None),
            "test": ("publish", approver, {"channels": channels}),
        }
        status = _ok(self.gw.get(base, headers=dev))["status"]
        while status in steps:
            step, who, body = steps[status]
            status = _ok(self.gw.post(f"{base}/{step}", json=body, headers=who))["status"]


def seed(
    gateway_url: str,
    keycloak_url: str,
    operator: tuple[str, str],
    store: Path,
    tenant: str = "demo",
) -> Demo:
    kept = json.loads(store.read_text()) if store.is_file() else {}
    if tenant in kept:
        saved = kept[tenant]
        return Demo(
            tenant,
            saved["developer"],
            saved["approver"],
            ApiClient(**saved["website"]),
            ApiClient(**saved["broker"]),
        )
    token = password_token(keycloak_url, *operator)
    with httpx.Client(base_url=gateway_url, timeout=60) as gw:
        created = gw.post(
            "/api/identity/tenants",
            json={
                "slug": tenant,
                "name": "Demo Assurantiën B.V." + ("" if tenant == "demo" else f" ({tenant})"),
            },
            headers={"Authorization": f"Bearer {token}"},
        )
        _ok(created, 201, 409)
        seeder = _Seeder(gw, keycloak_url, token, tenant)
        developer, approver = f"{tenant}-developer", f"{tenant}-approver"
        dev = seeder.login(developer, ["product-developer", "policy-clerk"])
        appr = seeder.login(approver, ["product-approver", "view-only"])
        website = seeder.api_client("Demo website", "website")
        broker = seeder.api_client("Demo broker", "intermediary")
        seeder.product(dev, appr, broker)
        letterhead = {
            "name": "Demo Assurantiën B.V.",
            "address_lines": ["Keizersgracht 100", "1015 CV Amsterdam"],
            "contact_lines": ["020 123 45 67", "service@demo-assurantien.example"],
            "iban": "NL91ABNA0417164300",
        }
        _ok(gw.put("/api/policies/letterhead", json=letterhead, headers=seeder.by))
    demo = Demo(tenant, developer, approver, website, broker)
    kept[tenant] = asdict(demo)
    store.write_text(json.dumps(kept, indent=2))
    store.chmod(0o600)
    return demo
