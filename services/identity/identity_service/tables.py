from sqlalchemy import BigInteger, Boolean, Column, DateTime, Integer, Table, Text, func
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from servicekit.consumer import define_inbox
from servicekit.db import new_metadata
from servicekit.outbox import define_outbox

metadata = new_metadata()
outbox = define_outbox(metadata)
inbox = define_inbox(metadata)

# The register of tenants is platform data (the operator lists it), not tenant-owned rows.
tenants = Table(
    "tenants",
    metadata,
    Column("slug", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("administration", Text, nullable=False, server_default="operator-managed"),
    Column("keycloak_org_id", Text, nullable=True),
    # Whom Keycloak asks a one-time code at sign-in: "administrators" (and operators) or "everyone".
    Column("second_factor", Text, nullable=False, server_default="administrators"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("created_by", Text, nullable=False),
)

# Tenant-owned (row-level security): which protocols and individual rights a login has.
user_protocols = Table(
    "user_protocols",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("user_id", Text, primary_key=True),
    Column("protocol", Text, primary_key=True),
)

user_rights = Table(
    "user_rights",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("user_id", Text, primary_key=True),
    Column("module", Text, primary_key=True),
    Column("action", Text, primary_key=True),
)

logins = Table(
    "logins",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("user_id", Text, primary_key=True),
    Column("username", Text, nullable=False),
    Column("email", Text, nullable=False),
    Column("first_name", Text, nullable=False),
    Column("last_name", Text, nullable=False),
    Column("enabled", Boolean, nullable=False, server_default="true"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("created_by", Text, nullable=False),
)

administrators = Table(
    "administrators",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("user_id", Text, primary_key=True),
    Column("appointed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("appointed_by", Text, nullable=False),
)

authenticators = Table(
    "authenticators",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("user_id", Text, primary_key=True),
    Column("secret_encrypted", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("confirmed_at", DateTime(timezone=True)),
    Column("last_used_step", BigInteger, nullable=False, server_default="0"),
    Column("failed_attempts", Integer, nullable=False, server_default="0"),
    Column("locked_until", DateTime(timezone=True)),
)

support_requests = Table(
    "support_requests",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("requested_by", Text, nullable=False),
    Column("requested_by_name", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("scope", JSONB, nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("status", Text, nullable=False, server_default="requested"),
    Column("requested_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("approved_at", DateTime(timezone=True)),
    Column("approved_by", Text),
    Column("expires_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
    Column("revoked_by", Text),
)

api_clients = Table(
    "api_clients",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("client_id", Text, primary_key=True),
    Column("keycloak_id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("channel", Text, nullable=False),
    Column("relation_id", Text),
    Column("test", Boolean, nullable=False, server_default="false"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("created_by", Text, nullable=False),
    Column("secret_rotated_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("kind", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("actor_name", Text, nullable=False),
    Column("acting_as", Text, nullable=False),
    Column("grant_id", Text),
    Column("module", Text),
    Column("action", Text),
    Column("method", Text),
    Column("path", Text),
    Column("outcome", Text, nullable=False),
    Column("status", Integer),
    Column("trace_id", Text),
    Column("request_id", Text),
    Column("detail", Text),
    Column("before", JSONB),
    Column("after", JSONB),
    Column("prev_hash", Text, nullable=False),
    Column("hash", Text, nullable=False),
)

# Where the reading of Keycloak's login events got to (login_events.py): a platform row.
login_event_cursor = Table(
    "login_event_cursor",
    metadata,
    Column("name", Text, primary_key=True),
    Column("time_ms", BigInteger, nullable=False),
    Column("ids", ARRAY(Text), nullable=False),
)
