from sqlalchemy import (
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
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from servicekit.consumer import define_inbox
from servicekit.db import new_metadata
from servicekit.documents import DocumentStore, define_document_tables
from servicekit.jobs import define_jobs
from servicekit.numbers import define_number_sequences
from servicekit.outbox import define_outbox

metadata = new_metadata()
outbox = define_outbox(metadata)
inbox = define_inbox(metadata)
jobs, job_queue = define_jobs(metadata)
documents, letterheads = define_document_tables(metadata)
DOCUMENTS = DocumentStore(documents, letterheads)

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
    # Taken over from an old system (imports): its reference there, and the import.
    Column("external_ref", Text),
    Column("import_id", UUID(as_uuid=False)),
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
    Column("policy_id", UUID(as_uuid=False)),
    Column("policy_number", Text),
    Column("reason", Text),
    Column("decided_by", Text),
    Column("decided_at", DateTime(timezone=True)),
    Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # The applicant's mandate given with the application: {iban, account_holder, signed_on}.
    Column("direct_debit", JSONB),
)

number_sequences = define_number_sequences(metadata)

policies = Table(
    "policies",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("number", Text, nullable=False),
    Column("application_id", UUID(as_uuid=False)),
    Column("holder_id", UUID(as_uuid=False), nullable=False),
    Column("product_code", Text, nullable=False),
    Column("product_version", Integer, nullable=False),
    Column("insurer", JSONB, nullable=False),
    Column("channel", Text, nullable=False),
    Column("client_id", Text),
    Column("start_date", Date, nullable=False),
    Column("term_start", Date, nullable=False),
    Column("renewal_date", Date, nullable=False),
    Column("billed_until", Date, nullable=False),
    Column("ends", Date),
    Column("status", Text, nullable=False, server_default="active"),
    Column("cancel_reason", Text),
    Column("commission_rate", Numeric(6, 4), nullable=False),
    Column("test", Boolean, nullable=False),
    Column("row_version", Integer, nullable=False, server_default="1"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("created_by", Text, nullable=False),
    Column("external_ref", Text),
    Column("import_id", UUID(as_uuid=False)),
    Column("payment_method", Text, nullable=False, server_default="transfer"),
)

policy_entries = Table(
    "policy_entries",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("policy_id", UUID(as_uuid=False), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("effective_date", Date, nullable=False),
    Column("changes", JSONB, nullable=False),
    Column("state", JSONB, nullable=False),
    Column("rating", JSONB),
    Column("note", Text),
    Column("entered_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("entered_by", Text, nullable=False),
)

invoices = Table(
    "invoices",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("number", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("policy_id", UUID(as_uuid=False), nullable=False),
    Column("holder_id", UUID(as_uuid=False), nullable=False),
    Column("insurer", JSONB, nullable=False),
    Column("client_id", Text),
    Column("reason", Text, nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("issue_date", Date, nullable=False),
    Column("due_date", Date, nullable=False),
    Column("net", Numeric(14, 2), nullable=False),
    Column("commission", Numeric(14, 2), nullable=False),
    Column("tax", Numeric(14, 2), nullable=False),
    Column("total", Numeric(14, 2), nullable=False),
    Column("test", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

invoice_lines = Table(
    "invoice_lines",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("invoice_id", UUID(as_uuid=False), primary_key=True),
    Column("coverage", Text, primary_key=True),
    Column("net", Numeric(14, 2), nullable=False),
    Column("commission", Numeric(14, 2), nullable=False),
    Column("tax", Numeric(14, 2), nullable=False),
)

# The slugs of tenants with policies, for the renewal run over all of them: a registry like
# the identity service's tenants, holding no tenant data, so not under row-level security.
billing_tenants = Table("billing_tenants", metadata, Column("slug", Text, primary_key=True))
