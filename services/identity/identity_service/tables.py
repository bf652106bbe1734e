from sqlalchemy import Column, DateTime, Table, Text, func

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
