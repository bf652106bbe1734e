"""The imports service's tables (migrations/versions build them; the schema test holds them to it).

An import is one conversion package of one tenant: the package itself (`import_package_parts`,
as uploaded), its rows as read and checked (`import_rows`, staged here until each service has
loaded its part), what is wrong with them (`import_errors`), and the report and status on the
import (`imports`)."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    Table,
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from servicekit.consumer import define_inbox
from servicekit.db import new_metadata
from servicekit.jobs import define_jobs
from servicekit.numbers import define_number_sequences
from servicekit.outbox import define_outbox

metadata = new_metadata()
outbox = define_outbox(metadata)
inbox = define_inbox(metadata)
jobs, job_queue = define_jobs(metadata)
number_sequences = define_number_sequences(metadata)

imports = Table(
    "imports",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("number", Text, nullable=False),
    # checking → checked | rejected | failed; checked → loading → loaded; checked, rejected,
    # failed → withdrawn; loaded → withdrawing → withdrawn | withdrawal_stopped (asked again)
    Column("status", Text, nullable=False),
    Column("package_sha256", Text, nullable=False),
    Column("package_bytes", BigInteger, nullable=False),
    Column("source_system", Text),
    Column("cut_off", Date),
    Column("manifest", JSONB),
    Column("report", JSONB),
    Column("error_count", Integer, nullable=False, server_default="0"),
    Column("failure", Text),
    Column("job_id", UUID(as_uuid=False)),
    Column("created_by", Text, nullable=False),
    Column("created_by_name", Text, nullable=False),
    Column("acting_as", Text, nullable=False),
    Column("grant_id", Text),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("checked_at", DateTime(timezone=True)),
    Column("committed_by", Text),
    Column("committed_at", DateTime(timezone=True)),
    # The load job has sent every batch; the import is loaded once each is answered.
    Column("all_sent", Boolean, nullable=False, server_default="false"),
    Column("loaded_at", DateTime(timezone=True)),
    Column("withdrawn_by", Text),
    Column("withdrawn_at", DateTime(timezone=True)),
)

import_package_parts = Table(
    "import_package_parts",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("import_id", UUID(as_uuid=False), primary_key=True),
    Column("part", Integer, primary_key=True),
    Column("data", LargeBinary, nullable=False),
)

import_rows = Table(
    "import_rows",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("import_id", UUID(as_uuid=False), primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("line", Integer, primary_key=True),
    Column("key", Text, nullable=False),
    # relations only: what makes two rows the same relation (conversion.RelationRow.identity)
    Column("identity", Text),
    Column("data", JSONB, nullable=False),
)

# A committed import's rows go to their services in batches (ADR 0007): one row per batch sent,
# filled in when the service answers that it loaded it.
import_batches = Table(
    "import_batches",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("import_id", UUID(as_uuid=False), primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("batch", Integer, primary_key=True),
    Column("rows", Integer, nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("loaded_at", DateTime(timezone=True)),
    Column("loaded", Integer),
    Column("totals", JSONB),
    # What the service gave the rows, per key (a policy's number and timeline, for its claims).
    Column("assigned", JSONB),
)

import_errors = Table(
    "import_errors",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("import_id", UUID(as_uuid=False), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("file", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("field", Text),
    Column("message", Text, nullable=False),
)
