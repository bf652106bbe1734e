"""Who may act for which tenant, with which rights: the answer the gateway asks for over NATS
(`identity.access.resolve`) before it forwards a request to a module or the public API."""

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select

from identity_service.tables import (
    administrators,
    api_clients,
    logins,
    support_requests,
    tenants,
    user_protocols,
    user_rights,
)
from servicekit.access import AccessQuery, Decision, is_operator
from servicekit.app import Runtime
from servicekit.catalogue import load_catalogue


@dataclass(frozen=True)
class Grant:
    id: str
    rights: frozenset[str]
    expires_at: datetime


@dataclass(frozen=True)
class TenantFacts:
    administration: str
    protocols: list[str]
    rights: list[str]
    login_enabled: bool = True
    administrator: bool = False
    grants: list[Grant] = field(default_factory=list)
    client_active: bool = False


def decide(caller: AccessQuery, facts: TenantFacts | None) -> Decision:
    """The pure rule. An operator acts for an operator-managed tenant with every right, and for a
    self-managed one only within its own active support grants. An employee acts only for the
    tenant of their organization, with the union of their protocols and rights. A machine
    client acts only for its tenant, on the public API (no module rights)."""
    catalogue = load_catalogue()
    if caller.client_id:
        if facts is None or not facts.client_active:
            return Decision(False, 403, "This API client is not registered or was revoked")
        return Decision(True, tenant=caller.token_tenant, acting_as="client")
    if is_operator(caller.roles):
        return _decide_operator(caller, facts, catalogue.all_rights)
    if not caller.token_tenant:
        return Decision(False, 403, "This login belongs to no tenant")
    if caller.requested_tenant and caller.requested_tenant != caller.token_tenant:
        return Decision(False, 403, "You can act only for your own tenant")
    if facts is None:
        return Decision(False, 403, "Your tenant is not registered")
    if not facts.login_enabled:
        return Decision(False, 403, "This login is disabled")
    rights = catalogue.effective_rights(facts.protocols, facts.rights)
    acting_as = "administrator" if facts.administrator else "employee"
    return Decision(True, tenant=caller.token_tenant, acting_as=acting_as, rights=rights)


def _decide_operator(
    caller: AccessQuery, facts: TenantFacts | None, all_rights: frozenset[str]
) -> Decision:
    if not caller.requested_tenant:
        return Decision(False, 400, "A platform operator names the tenant with X-Tenant")
    if facts is None:
        return Decision(False, 404, f"No tenant '{caller.requested_tenant}'")
    if facts.administration == "operator-managed":
        return Decision(
            True, tenant=caller.requested_tenant, acting_as="operator", rights=all_rights
        )
    if not facts.grants:
        return Decision(
            False,
            403,
            "This tenant runs its own administration; ask its administrator for support access",
        )
    grants: dict[str, str] = {}
    for grant in sorted(facts.grants, key=lambda g: g.expires_at, reverse=True):
        for right in grant.rights:
            grants.setdefault(right, grant.id)
    valid_until = min(g.expires_at for g in facts.grants).timestamp()
    return Decision(
        True,
        tenant=caller.requested_tenant,
        acting_as="support",
        rights=frozenset(grants),
        grants=grants,
        valid_until=valid_until,
    )


async def load_facts(runtime: Runtime, tenant: str, caller: AccessQuery) -> TenantFacts | None:
    now = datetime.now(UTC)
    async with runtime.db.tenant_transaction(tenant) as session:
        administration = await session.scalar(
            select(tenants.c.administration).where(tenants.c.slug == tenant)
        )
        if administration is None:
            return None
        if caller.client_id:
            active = await session.scalar(
                select(api_clients.c.client_id).where(
                    api_clients.c.client_id == caller.client_id, api_clients.c.revoked_at.is_(None)
                )
            )
            return TenantFacts(administration, [], [], client_active=active is not None)
        if is_operator(caller.roles):
            rows = await session.execute(
                select(
                    support_requests.c.id, support_requests.c.scope, support_requests.c.expires_at
                )
                .where(support_requests.c.status == "active")
                .where(support_requests.c.expires_at > now)
                .where(support_requests.c.requested_by == caller.subject)
            )
            grants = [
                Grant(
                    str(r.id),
                    frozenset(f"{s['module']}:{s['action']}" for s in r.scope),
                    r.expires_at,
                )
                for r in rows
            ]
            return TenantFacts(administration, [], [], grants=grants)
        subject = caller.subject
        protocols = await session.scalars(
            select(user_protocols.c.protocol).where(user_protocols.c.user_id == subject)
        )
        rights = await session.execute(
            select(user_rights.c.module, user_rights.c.action).where(
                user_rights.c.user_id == subject
            )
        )
        enabled = await session.scalar(select(logins.c.enabled).where(logins.c.user_id == subject))
        admin = await session.scalar(
            select(administrators.c.user_id).where(administrators.c.user_id == subject)
        )
        return TenantFacts(
            administration=administration,
            protocols=list(protocols),
            rights=[f"{m}:{a}" for m, a in rights.all()],
            # A login made outside this service (none are, in practice) counts as enabled.
            login_enabled=enabled is not False,
            administrator=admin is not None,
        )


async def resolve(runtime: Runtime, caller: AccessQuery) -> Decision:
    if caller.client_id:
        tenant = caller.token_tenant
    elif is_operator(caller.roles):
        tenant = caller.requested_tenant
    else:
        tenant = caller.token_tenant
    facts = await load_facts(runtime, tenant, caller) if tenant else None
    return decide(caller, facts)


async def on_resolve_request(runtime: Runtime, data: bytes) -> bytes:
    caller = AccessQuery.from_json(json.loads(data))
    return json.dumps((await resolve(runtime, caller)).to_json()).encode()
