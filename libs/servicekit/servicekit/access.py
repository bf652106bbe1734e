"""Who may do what, in the words every part uses: the roles Keycloak gives, the access a route
declares in its OpenAPI document, and the question the gateway asks the identity service before
it forwards a request (`identity.access.resolve`, specified in contracts/requests/) with its
answer, the `Decision`. The rule that answers it is `identity_service.access.decide`."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# Realm roles (identity_service.realm_setup creates them).
OPERATOR_ROLE = "platform-operator"  # the computing center's staff
ADMIN_ROLE = "tenant-admin"  # a tenant's appointed administrator

# What a route declares with `x-access` (gateway/backoffice_gateway/routes.py reads it).
MODULE_ACCESS = "module"  # the default: a (module, action) right of contracts/catalogue.json
AUTHENTICATED_ACCESS = "authenticated"  # any logged-in person; the service guards it itself
PUBLIC_CLIENT_ACCESS = "public-client"  # registered API clients only (/public/v1)

# `openapi_extra` of a route any logged-in person may reach (who-am-I, administration guarded
# by role in the identity service).
AUTHENTICATED: dict[str, Any] = {"x-access": AUTHENTICATED_ACCESS}
# `openapi_extra` of a route of the public API.
PUBLIC_CLIENT: dict[str, Any] = {"x-access": PUBLIC_CLIENT_ACCESS}


def is_operator(roles: Iterable[str]) -> bool:
    return OPERATOR_ROLE in roles


@dataclass(frozen=True)
class AccessQuery:
    """What the gateway knows of a caller from their token, and the tenant they name."""

    subject: str
    roles: tuple[str, ...]
    token_tenant: str | None
    requested_tenant: str | None
    client_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "roles": list(self.roles),
            "token_tenant": self.token_tenant,
            "requested_tenant": self.requested_tenant,
            "client_id": self.client_id,
        }

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> "AccessQuery":
        return cls(
            subject=body["subject"],
            roles=tuple(body.get("roles") or ()),
            token_tenant=body.get("token_tenant"),
            requested_tenant=body.get("requested_tenant"),
            client_id=body.get("client_id"),
        )


@dataclass(frozen=True)
class Decision:
    """Whether the caller may act for a tenant, as whom, with which rights."""

    allowed: bool
    status: int = 200
    detail: str = ""
    tenant: str | None = None
    # "employee", "administrator", "operator", "support" or "client".
    acting_as: str | None = None
    rights: frozenset[str] = frozenset()
    # For support access: the grant behind each right.
    grants: dict[str, str] = field(default_factory=dict)
    # The decision holds until then at most (a grant's expiry), as a Unix time.
    valid_until: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed,
            "status": self.status,
            "detail": self.detail,
            "tenant": self.tenant,
            "acting_as": self.acting_as,
            "rights": sorted(self.rights),
            "grants": self.grants,
            "valid_until": self.valid_until,
        }

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> "Decision":
        """KeyError when `body` is no decision (the responder's `{"error": …}`)."""
        return cls(
            allowed=bool(body["allowed"]),
            status=int(body.get("status", 403)),
            detail=str(body.get("detail", "")),
            tenant=body.get("tenant"),
            acting_as=body.get("acting_as"),
            rights=frozenset(body.get("rights") or ()),
            grants=dict(body.get("grants") or {}),
            valid_until=body.get("valid_until"),
        )
