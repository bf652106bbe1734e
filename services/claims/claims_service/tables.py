from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    Numeric,
    Table,
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from servicekit.consumer import define_inbox
from servicekit.db import new_metadata
from servicekit.numbers import define_number_sequences
from servicekit.outbox import define_outbox

metadata = new_metadata()
outbox = define_outbox(metadata)
inbox = define_inbox(metadata)
number_sequences = define_number_sequences(metadata)
MONEY = Numeric(14, 2)
NOW = func.clock_timestamp()

# Read models, kept from the policy service's events (never read from its database).
known_policies = Table(
    "known_policies",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("policy_id", UUID(as_uuid=False), primary_key=True),
    Column("number", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("holder_id", UUID(as_uuid=False), nullable=False),
    Column("product_code", Text, nullable=False),
    Column("product_version", Integer, nullable=False),
    Column("insurer", JSONB, nullable=False),
    Column("client_id", Text),
    Column("start_date", Date, nullable=False),
    Column("ends", Date),
    Column("test", Boolean, nullable=False),
    Column("timeline", JSONB, nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("import_id", UUID(as_uuid=False)),  # the portfolio import that brought it
)

known_relations = Table(
    "known_relations",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("relation_id", UUID(as_uuid=False), primary_key=True),
    Column("name", Text, nullable=False),
    Column("iban", Text),
    Column("relation", JSONB, nullable=False),
)

booked_premiums = Table(
    "booked_premiums",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("invoice_id", UUID(as_uuid=False), primary_key=True),
    Column("policy_id", UUID(as_uuid=False), nullable=False),
    Column("issue_date", Date, nullable=False),
    Column("net", MONEY, nullable=False),
)

claim_causes = Table(
    "claim_causes",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("code", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("added_by", Text, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("number", Text, nullable=False),
    Column("policy_id", UUID(as_uuid=False), nullable=False),
    Column("policy_number", Text, nullable=False),
    Column("product_code", Text, nullable=False),
    Column("insurer", JSONB, nullable=False),
    Column("holder_id", UUID(as_uuid=False), nullable=False),
    Column("claimant_id", UUID(as_uuid=False), nullable=False),
    Column("coverage", Text, nullable=False),
    Column("loss_date", Date, nullable=False),
    Column("cause", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("estimate", MONEY, nullable=False),
    Column("status", Text, nullable=False),
    Column("handler", Text),
    Column("outside_cover", Boolean, nullable=False),
    Column("outside_cover_reason", Text),
    Column("test", Boolean, nullable=False),
    Column("reserve", MONEY, nullable=False),
    Column("paid", MONEY, nullable=False, server_default="0"),
    Column("reported_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("reported_by", Text, nullable=False),
    Column("import_id", UUID(as_uuid=False)),  # taken over by this portfolio import
)

claim_history = Table(
    "claim_history",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("claim_id", UUID(as_uuid=False), nullable=False),
    Column("kind", Text, nullable=False),
    Column("from_status", Text),
    Column("to_status", Text),
    Column("note", Text),
    Column("at", DateTime(timezone=True), nullable=False, server_default=NOW),
    Column("by", Text, nullable=False),
)

reserve_changes = Table(
    "reserve_changes",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("claim_id", UUID(as_uuid=False), nullable=False),
    Column("reserve", MONEY, nullable=False),
    Column("change", MONEY, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False, server_default=NOW),
    Column("by", Text, nullable=False),
)

claim_payments = Table(
    "claim_payments",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("claim_id", UUID(as_uuid=False), nullable=False),
    Column("payee_relation_id", UUID(as_uuid=False), nullable=False),
    Column("payee_name", Text, nullable=False),
    Column("iban", Text, nullable=False),
    Column("amount", MONEY, nullable=False),
    Column("status", Text, nullable=False),
    Column("requested_by", Text, nullable=False),
    Column("requested_at", DateTime(timezone=True), nullable=False, server_default=NOW),
    Column("decided_by", Text),
    Column("decided_at", DateTime(timezone=True)),
    Column("note", Text),
    Column("created_by", Text, nullable=False),
    Column("idempotency_key", Text),
    Column("request_hash", Text, nullable=False),
)

claim_settings = Table(
    "claim_settings",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("authority_limit", MONEY, nullable=False),
    Column("changed_by", Text, nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

authority_limits = Table(
    "authority_limits",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("handler", Text, primary_key=True),
    Column("authority_limit", MONEY, nullable=False),
    Column("set_by", Text, nullable=False),
    Column("set_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
