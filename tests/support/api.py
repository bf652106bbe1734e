"""A client of the gateway acting as one login: what most tests hold in hand."""

from dataclasses import dataclass

import httpx


@dataclass
class Api:
    """A client of the gateway acting as one login."""

    client: httpx.Client
    token: str
    tenant: str | None = None

    def headers(self, tenant: str | None = None, **extra: str) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token}", **extra}
        if tenant or self.tenant:
            headers["X-Tenant"] = tenant or self.tenant or ""
        return headers

    def get(self, path: str, **kwargs: object) -> httpx.Response:
        return self.client.get(path, headers=self.headers(), **kwargs)  # type: ignore[arg-type]

    def post(self, path: str, json: object = None, **kwargs: object) -> httpx.Response:
        return self.client.post(path, json=json, headers=self.headers(), **kwargs)  # type: ignore[arg-type]
