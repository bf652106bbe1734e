from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Computed,
    Date,
    DateTime,
    Integer,
    Numeric,
    Table,
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import BYTEA, JSONB, UUID

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
number_sequences = define_number_sequences(metadata)
documents, letterheads = define_document_tables(metadata)
DOCUMENTS = DocumentStore(documents, letterheads)

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

entry_numbers = Table(
    "entry_numbers",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("last", BigInteger, nullable=False),
)

closed_periods = Table(
    "closed_periods",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("month", Date, primary_key=True),
    Column("closed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("closed_by", Text, nullable=False),
    Column("snapshot", Boolean, nullable=False, server_default="false"),
)

# Per closed month (with `snapshot`) and account: the sums of all lines up to the month's end.
period_balances = Table(
    "period_balances",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("month", Date, primary_key=True),
    Column("account_code", Text, primary_key=True),
    Column("debit", Numeric(20, 2), nullable=False),
    Column("credit", Numeric(20, 2), nullable=False),
)

journal_entries = Table(
    "journal_entries",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("number", BigInteger, nullable=False),
    Column("entry_date", Date, nullable=False),
    Column("description", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("event_id", UUID(as_uuid=False)),
    Column("reverses", UUID(as_uuid=False)),
    Column("created_by", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("import_id", UUID(as_uuid=False)),  # booked by this portfolio import
)

journal_lines = Table(
    "journal_lines",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("entry_id", UUID(as_uuid=False), primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("account_code", Text, nullable=False),
    Column("debit", Numeric(14, 2), nullable=False),
    Column("credit", Numeric(14, 2), nullable=False),
    Column("relation_id", Text),
    Column("item_id", UUID(as_uuid=False)),
    Column("description", Text),
)

open_items = Table(
    "open_items",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("ledger", Text, nullable=False),
    Column("relation_id", Text, nullable=False),
    Column("relation_name", Text, nullable=False),
    Column("reference", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("item_date", Date, nullable=False),
    Column("due_date", Date, nullable=False),
    Column("amount", Numeric(14, 2), nullable=False),
    Column("remaining", Numeric(14, 2), nullable=False),
    Column("entry_id", UUID(as_uuid=False), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("policy_number", Text),
    # `remaining` in whole cents, kept by the database: an integer comparison can use an index
    # under row-level security, a numeric one cannot (migration 0006).
    Column("remaining_cents", BigInteger, Computed("(remaining * 100)::bigint", persisted=True)),
    # A payment arrangement: no reminder for the item until this day.
    Column("arrangement_until", Date),
    Column("arrangement_note", Text),
    # The policy of a premium invoice's item, whose document the policy service keeps.
    Column("policy_id", UUID(as_uuid=False)),
)

ledger_settings = Table(
    "ledger_settings",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("write_off_tolerance", Numeric(14, 2), nullable=False, server_default="1.00"),
    Column("auto_match", Boolean, nullable=False, server_default="false"),
    Column("creditor_id", Text),
    Column("creditor_name", Text),
    Column("creditor_iban", Text),
    Column("creditor_bic", Text),
    Column("return_cost", Numeric(14, 2)),
)

bank_statements = Table(
    "bank_statements",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("statement_id", Text, nullable=False),
    Column("account_iban", Text),
    Column("file_hash", Text, nullable=False),
    Column("format", Text, nullable=False),
    Column("lines", Integer, nullable=False),
    Column("balance_difference", Numeric(14, 2)),
    Column("entry_id", UUID(as_uuid=False)),
    Column("imported_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("imported_by", Text, nullable=False),
)

bank_lines = Table(
    "bank_lines",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("statement_id", UUID(as_uuid=False), nullable=False),
    Column("position", Text, nullable=False),
    Column("booking_date", Date, nullable=False),
    Column("amount", Numeric(14, 2), nullable=False),
    Column("currency", Text, nullable=False),
    Column("bank_reference", Text),  # the bank's own id of the transaction, where it has one
    Column("counterparty_name", Text),
    Column("counterparty_iban", Text),
    Column("end_to_end_id", Text),
    Column("structured_reference", Text),
    Column("remittance", Text),
    Column("payment_info_id", Text),
    Column("return_reason", Text),
    Column("reversal", Boolean, nullable=False),
    Column("unallocated", Numeric(14, 2), nullable=False),
    # statements.transaction_keys: unique per tenant, so a transaction is booked once
    Column("transaction_key", Text, nullable=False),
    Column("occurrence", Integer, nullable=False),
)

matches = Table(
    "matches",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("ledger", Text, nullable=False),
    Column("bank_line_id", UUID(as_uuid=False), nullable=False),
    Column("allocations", JSONB, nullable=False),
    Column("write_off", Numeric(14, 2), nullable=False),
    Column("entry_id", UUID(as_uuid=False), nullable=False),
    Column("undo_entry_id", UUID(as_uuid=False)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("created_by", Text, nullable=False),
    Column("undone_at", DateTime(timezone=True)),
    Column("undone_by", Text),
)

# A relation whose items are not collected by direct debit (staff's decision, or its bank
# account blocked: an AC06 return), until lifted.
collection_blocks = Table(
    "collection_blocks",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("relation_id", Text, primary_key=True),
    Column("reason", Text, nullable=False),
    Column("since", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("by", Text, nullable=False),
)

known_relations = Table(
    "known_relations",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("relation_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("iban", Text),
    Column("address", JSONB),
)

settlements = Table(
    "settlements",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("relation_id", Text, nullable=False),
    Column("period_from", Date, nullable=False),
    Column("period_to", Date, nullable=False),
    Column("allocations", JSONB, nullable=False),
    Column("amount_due", Numeric(14, 2), nullable=False),
    Column("entry_id", UUID(as_uuid=False), nullable=False),
    Column("item_id", UUID(as_uuid=False)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("created_by", Text, nullable=False),
    Column("idempotency_key", Text),
    Column("request_hash", Text, nullable=False),
)

mandates = Table(
    "mandates",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("relation_id", Text, nullable=False),
    Column("reference", Text, nullable=False),
    Column("signed_on", Date, nullable=False),
    Column("iban", Text, nullable=False),
    Column("debtor_name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("last_collected_on", Date),
    Column("collections", Integer, nullable=False, server_default="0"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("created_by", Text, nullable=False),
    # The import that took it over from the old system (withdrawing it revokes the mandate).
    Column("import_id", UUID(as_uuid=False)),
)

mandate_history = Table(
    "mandate_history",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("mandate_id", UUID(as_uuid=False), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("change", Text, nullable=False),
    Column("detail", Text),
    Column("by", Text, nullable=False),
)

# Each policy's way of paying its premium, as the policy service last announced it.
policy_payments = Table(
    "policy_payments",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("policy_number", Text, primary_key=True),
    Column("method", Text, nullable=False),
)

collections = Table(
    "collections",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("number", Text, nullable=False),
    Column("collection_date", Date, nullable=False),
    Column("message_id", Text, nullable=False),
    Column("transactions", Integer, nullable=False),
    Column("total", Numeric(14, 2), nullable=False),
    Column("groups", JSONB, nullable=False),
    Column("file", BYTEA, nullable=False),
    Column("created_by", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

collection_items = Table(
    "collection_items",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("collection_id", UUID(as_uuid=False), primary_key=True),
    Column("item_id", UUID(as_uuid=False), primary_key=True),
    Column("mandate_id", UUID(as_uuid=False), nullable=False),
    Column("sequence_type", Text, nullable=False),
    Column("amount", Numeric(14, 2), nullable=False),
    Column("end_to_end_id", Text, nullable=False),
    Column("payment_info_id", Text, nullable=False),
    Column("entry_id", UUID(as_uuid=False), nullable=False),
    Column("returned_at", DateTime(timezone=True)),
    Column("return_reason", Text),
    Column("return_line_id", UUID(as_uuid=False)),
    Column("return_entry_id", UUID(as_uuid=False)),
)

# A bank's batch credit of a run's block, matched to the block as a whole.
collection_credits = Table(
    "collection_credits",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("payment_info_id", Text, primary_key=True),
    Column("collection_id", UUID(as_uuid=False), nullable=False),
    Column("bank_line_id", UUID(as_uuid=False), nullable=False),
    Column("amount", Numeric(14, 2), nullable=False),
    Column("entry_id", UUID(as_uuid=False), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

reminder_settings = Table(
    "reminder_settings",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("first_after", Integer, nullable=False),
    Column("second_after", Integer, nullable=False),
    Column("final_after", Integer, nullable=False),
    Column("first_text", Text, nullable=False),
    Column("second_text", Text, nullable=False),
    Column("final_text", Text, nullable=False),
)

reminders = Table(
    "reminders",
    metadata,
    Column("tenant_id", Text, nullable=False),
    Column("id", UUID(as_uuid=False), primary_key=True),
    Column("item_id", UUID(as_uuid=False), nullable=False),
    Column("level", Integer, nullable=False),
    Column("sent_on", Date, nullable=False),
    Column("amount", Numeric(14, 2), nullable=False),
    Column("text", Text, nullable=False),
    Column("run_id", UUID(as_uuid=False), nullable=False),
)
