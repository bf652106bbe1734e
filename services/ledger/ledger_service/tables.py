from sqlalchemy import Boolean, Column, DateTime, Table, Text, func

from servicekit.consumer import define_inbox
from servicekit.db import new_metadata
from servicekit.outbox import define_outbox

metadata = new_metadata()
outbox = define_outbox(metadata)
inbox = define_inbox(metadata)

accounts = Table(
    "accounts",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("code", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("blocked", Boolean, nullable=False, server_default="false"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
