"""Bank transactions known by their fields, booked once whatever file brings them.

Before, a line was known by a reference made of where it stood: for a CSV file the file's hash
and the line number (a file saved again with other line endings was all new, and booked again),
for CAMT.053 the bank's reference and the entry's position (a statement without the bank's
references shared them with every other one, whose lines were then skipped as known). Now each
line keeps the key of its fields (`ledger_service.statements.transaction_key`: account, date,
amount, counterparty, references, the bank's own reference) and which occurrence of that key it
is, unique per tenant, so the database itself refuses to book a transaction twice, also from two
imports at the same moment. `bank_reference` keeps only the bank's own reference, where the
format has one.

Lines imported before get their keys here, in the order they were imported; the same transaction
booked twice from two copies of a file gets occurrences 1 and 2, so a third copy books nothing.
The key is computed by the service's own function as it stands at this revision; a change to the
key must come with a revision that computes the keys again.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

import re
from collections import Counter

from alembic import op
from sqlalchemy import text

from ledger_service.statements import Line, transaction_key
from servicekit.migration_ops import run_sql

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OLD_CAMT_REFERENCE = re.compile(r"^(.*)/entry [0-9]+/[0-9]+$")


def _every_tenant(forced: bool) -> None:
    """Row security not forced: the tables' owner (a migration runs as the owner and names no
    tenant) reads and writes every tenant's rows, for the length of this transaction only."""
    force = "force" if forced else "no force"
    run_sql(
        f"alter table bank_lines {force} row level security;"
        f"alter table bank_statements {force} row level security"
    )


def _keys_for_lines_imported_before() -> None:
    bind = op.get_bind()
    query = text(
        """
        select l.id, l.tenant_id, s.format, s.account_iban, l.position, l.booking_date, l.amount,
               l.currency, l.bank_reference, l.counterparty_name, l.counterparty_iban,
               l.end_to_end_id, l.structured_reference, l.remittance, l.reversal
        from bank_lines l join bank_statements s on s.id = l.statement_id
        order by s.imported_at, s.id, l.position
        """
    )
    found = bind.execute(query).all()
    seen: Counter[tuple[str, str]] = Counter()
    updates = []
    for r in found:
        own = OLD_CAMT_REFERENCE.match(r.bank_reference) if r.format == "camt.053" else None
        reference = (own.group(1) if own else "") or None
        line = Line(
            position=r.position,
            booking_date=r.booking_date,
            amount=r.amount,
            currency=r.currency,
            bank_reference=reference,
            counterparty_name=r.counterparty_name,
            counterparty_iban=r.counterparty_iban,
            end_to_end_id=r.end_to_end_id,
            structured_reference=r.structured_reference,
            remittance=r.remittance,
            reversal=r.reversal,
        )
        key = transaction_key(r.account_iban, line)
        seen[(r.tenant_id, key)] += 1
        updates.append(
            {"id": r.id, "reference": reference, "key": key, "n": seen[(r.tenant_id, key)]}
        )
    if updates:
        bind.execute(
            text(
                "update bank_lines set bank_reference = :reference, transaction_key = :key,"
                " occurrence = :n where id = :id"
            ),
            updates,
        )


def upgrade() -> None:
    run_sql(
        """
        alter table bank_lines drop constraint bank_lines_tenant_id_bank_reference_key;
        alter table bank_lines alter column bank_reference drop not null;
        alter table bank_lines add column transaction_key text,
            add column occurrence integer check (occurrence >= 1)
        """
    )
    _every_tenant(forced=False)
    _keys_for_lines_imported_before()
    _every_tenant(forced=True)
    run_sql(
        """
        alter table bank_lines alter column transaction_key set not null,
            alter column occurrence set not null;
        alter table bank_lines add constraint bank_lines_transaction_once
            unique (tenant_id, transaction_key, occurrence)
        """
    )


def downgrade() -> None:
    _every_tenant(forced=False)
    run_sql(
        """
        alter table bank_lines drop constraint bank_lines_transaction_once;
        alter table bank_lines drop column occurrence, drop column transaction_key;
        update bank_lines set bank_reference = coalesce(bank_reference, '') || '/' || id::text;
        alter table bank_lines alter column bank_reference set not null;
        alter table bank_lines add constraint bank_lines_tenant_id_bank_reference_key
            unique (tenant_id, bank_reference)
        """
    )
    _every_tenant(forced=True)
