"""Who may act for which tenant, with which rights: the answer the gateway asks for over NATS
(`identity.access.resolve`) before it forwards a request to a module."""

import json
from dataclasses import asdict, dataclass, field

from sqlalchemy import select

from identity_service.tables import tenants, user_protocols, user_rights
from servicekit.app import Runtime
from servicekit.catalogue import load_catalogue

RESOLVE_SUBJECT = "identity.access.resolve"
OPERATOR_ROLE = "platform-operator"


@dataclass(frozen=True)
class Caller:
    subject: str
    roles: tuple[str, ...]
    token_tenant: str | None
    requested_tenant: str | None


@dataclass(frozen=True)
class Decision:
    allowed: bool
    status: int = 200
    detail: str = ""
    tenant: str | None = None
    acting_as: str | None = None
    rights: list[str] = field(default_factory=list)
    grant_id: str | None = None


@dataclass(frozen=True)
class TenantFacts:
    administration: str
    protocols: list[str]
    rights: list[str]


def decide(caller: Caller, facts: TenantFacts | None) -> Decision:
    """The pure rule: an operator acts only for an operator-managed tenant; an employee only
    for the tenant of their own organization, with the union of their protocols and rights."""
    catalogue = load_catalogue()
    if OPERATOR_ROLE in caller.roles:
        if not caller.requested_tenant:
            return Decision(False, 400, "A platform operator names the tenant with X-Tenant")
        if facts is None:
            return Decision(False, 404, f"No tenant '{caller.requested_tenant}'")
        if facts.administration != "operator-managed":
            return Decision(
                False,
                403,
                "This tenant runs its own administration; ask its administrator for support access",
            )
        return Decision(
            True,
            tenant=caller.requested_tenant,
            acting_as="operator",
            rights=sorted(catalogue.all_rights),
        )
    if not caller.token_tenant:
        return Decision(False, 403, "This login belongs to no tenant")
    if caller.requested_tenant and caller.requested_tenant != caller.token_tenant:
        return Decision(False, 403, "You can act only for your own tenant")
    if facts is None:
        return Decision(False, 403, "Your tenant is not registered")
    rights = catalogue.effective_rights(facts.protocols, facts.rights)
    return Decision(True, tenant=caller.token_tenant, acting_as="employee", rights=sorted(rights))


async def load_facts(runtime: Runtime, tenant: str, subject: str) -> TenantFacts | None:
    async with runtime.db.tenant_transaction(tenant) as session:
        administration = await session.scalar(
            select(tenants.c.administration).where(tenants.c.slug == tenant)
        )
        if administration is None:
            return None
        protocols = await session.scalars(
            select(user_protocols.c.protocol).where(user_protocols.c.user_id == subject)
        )
        rights = await session.execute(
            select(user_rights.c.module, user_rights.c.action).where(
                user_rights.c.user_id == subject
            )
        )
        return TenantFacts(
            administration=administration,
            protocols=list(protocols),
            rights=[f"{m}:{a}" for m, a in rights.all()],
        )


async def resolve(runtime: Runtime, caller: Caller) -> Decision:
    tenant = caller.requested_tenant if OPERATOR_ROLE in caller.roles else caller.token_tenant
    facts = await load_facts(runtime, tenant, caller.subject) if tenant else None
    return decide(caller, facts)


async def on_resolve_request(runtime: Runtime, data: bytes) -> bytes:
    body = json.loads(data)
    caller = Caller(
        subject=body["subject"],
        roles=tuple(body.get("roles") or ()),
        token_tenant=body.get("token_tenant"),
        requested_tenant=body.get("requested_tenant"),
    )
    return json.dumps(asdict(await resolve(runtime, caller))).encode()
