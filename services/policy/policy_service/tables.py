from sqlalchemy import Boolean, Column, Date, DateTime, Integer, Table, Text, func
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from servicekit.consumer import define_inbox
from servicekit.db import new_metadata
from servicekit.outbox import define_outbox

metadata = new_metadata()
outbox = define_outbox(metadata)
inbox = define_inbox(metadata)

relations = Table(
    "relations",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("kind", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("date_of_birth", Date),
    Column("coc_number", Text),
    Column("email", Text),
    Column("phone", Text),
    Column("iban", Text),
    Column("street", Text, nullable=False),
    Column("house_number", Integer, nullable=False),
    Column("house_number_addition", Text),
    Column("postcode", Text, nullable=False),
    Column("city", Text, nullable=False),
    Column("country", Text, nullable=False),
    Column("roles", ARRAY(Text), nullable=False),
    Column("advisor_id", UUID(as_uuid=False)),
    Column("row_version", Integer, nullable=False, server_default="1"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("created_by", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

relation_history = Table(
    "relation_history",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("relation_id", UUID(as_uuid=False), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("actor", Text, nullable=False),
    Column("actor_name", Text, nullable=False),
    Column("change", Text, nullable=False),
    Column("before", JSONB),
    Column("after", JSONB, nullable=False),
)

applications = Table(
    "applications",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("source", Text, nullable=False),
    Column("status", Text, nullable=False, server_default="received"),
    Column("review", Boolean, nullable=False),
    Column("reasons", JSONB, nullable=False),
    Column("test", Boolean, nullable=False),
    Column("quote_id", UUID(as_uuid=False)),
    Column("product_code", Text, nullable=False),
    Column("product_version", Integer, nullable=False),
    Column("channel", Text, nullable=False),
    Column("client_id", Text),
    Column("applicant", JSONB, nullable=False),
    Column("start_date", Date, nullable=False),
    Column("frequency", Text, nullable=False),
    Column("coverages", JSONB, nullable=False),
    Column("risk", JSONB, nullable=False),
    Column("premium", JSONB, nullable=False),
    Column("possible_duplicates", JSONB, nullable=False, server_default="[]"),
    Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
