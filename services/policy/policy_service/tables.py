from sqlalchemy import Column, DateTime, Table, Text, func
from sqlalchemy.dialects.postgresql import UUID

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
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
