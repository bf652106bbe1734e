from sqlalchemy import Boolean, Column, Date, DateTime, Integer, Table, Text, func
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from servicekit.consumer import define_inbox
from servicekit.db import new_metadata
from servicekit.outbox import define_outbox

metadata = new_metadata()
outbox = define_outbox(metadata)
inbox = define_inbox(metadata)

products = Table(
    "products",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("code", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("created_by", Text, nullable=False, server_default=""),
)

product_versions = Table(
    "product_versions",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("code", Text, primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("status", Text, nullable=False, server_default="draft"),
    Column("definition", JSONB, nullable=False),
    Column("effective_from", Date, nullable=False),
    Column("authors", ARRAY(Text), nullable=False),
    Column("channels", JSONB),
    Column("row_version", Integer, nullable=False, server_default="1"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("created_by", Text, nullable=False),
)

product_history = Table(
    "product_history",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("code", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("actor", Text, nullable=False),
    Column("actor_name", Text, nullable=False),
    Column("step", Text, nullable=False),
    Column("from_status", Text),
    Column("to_status", Text, nullable=False),
    Column("note", Text),
)

quotes = Table(
    "quotes",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("code", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("channel", Text, nullable=False),
    Column("client_id", Text),
    Column("test", Boolean, nullable=False),
    Column("request", JSONB, nullable=False),
    Column("decision", Text, nullable=False),
    Column("reasons", JSONB, nullable=False),
    Column("premium", JSONB),
    Column("trace", JSONB, nullable=False),
    Column("valid_until", Date, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("created_by", Text, nullable=False),
    Column("idempotency_key", Text),
    Column("request_hash", Text),
)

applications = Table(
    "applications",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("quote_id", UUID(as_uuid=False), nullable=False),
    Column("client_id", Text),
    Column("test", Boolean, nullable=False),
    Column("review", Boolean, nullable=False),
    Column("status", Text, nullable=False, server_default="received"),
    Column("applicant", JSONB, nullable=False),
    Column("start_date", Date, nullable=False),
    Column("policy_number", Text),
    Column("reason", Text),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("created_by", Text, nullable=False),
    Column("idempotency_key", Text),
    Column("request_hash", Text, nullable=False),
)
