"""Accepting an application stores the policy, its first entry, its documents, the decision and
the events in one statement (policy_service.applications). SQLAlchemy sets any column of an
INSERT or UPDATE carried in it that one of the statement's parameters is named after: no
parameter may be named after a column of another part, or the decision would overwrite the
application's id, channel or dates with the policy's."""

import re

from sqlalchemy.dialects.postgresql import asyncpg

from policy_service.applications import _ACCEPTED
from policy_service.policies import NEW_POLICY


def _compiled_as_executed() -> str:
    """The statement as compiled when executed with every one of its parameters."""
    dialect = asyncpg.dialect()
    keys = list(_ACCEPTED.compile(dialect=dialect).params)
    return str(_ACCEPTED.compile(dialect=dialect, column_keys=keys))


def test_the_decision_sets_only_what_a_decision_sets() -> None:
    sql = _compiled_as_executed()
    [assignments] = re.findall(r"UPDATE applications SET (.*?) WHERE", sql, re.S)
    columns = [a.split("=")[0].strip() for a in assignments.split(", ")]
    assert columns == ["status", "policy_id", "policy_number", "reason", "decided_by", "decided_at"]


def test_every_insert_takes_only_its_own_columns() -> None:
    sql = _compiled_as_executed()
    inserted = dict(re.findall(r"INSERT INTO (\w+) \(([^)]*)\)", sql))
    given = str(NEW_POLICY.compile(dialect=asyncpg.dialect()))
    [policy_columns] = re.findall(r"INSERT INTO policies \(([^)]*)\)", given)
    assert inserted["policies"] == policy_columns
    assert set(inserted) == {"policies", "policy_entries", "invoice_lines", "invoices", "outbox"}
    assert inserted["outbox"] == "id, tenant_id, subject, type, payload, headers"
