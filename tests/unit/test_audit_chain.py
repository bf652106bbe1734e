"""The audit trail's hash chain (pure): a removed, altered or reordered record is found."""

import dataclasses
import hashlib
from dataclasses import asdict
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from identity_service.audit import (
    FIELDS,
    GENESIS,
    AuditRecord,
    access_record,
    canonical_json,
    record_hash,
    verify_rows,
)
from identity_service.tables import audit_log

TENANT = "acme"


def record(n: int) -> dict[str, Any]:
    return asdict(
        AuditRecord(
            at=datetime(2026, 11, 27, 9, 30, n, 120, tzinfo=UTC),
            kind="administration",
            actor=f"user-{n}",
            actor_name=f"login{n}",
            acting_as="administrator",
            outcome="changed",
            detail=f"change {n}",
            before={"enabled": True},
            after={"enabled": False, "rights": ["claims:view"], "n": n},
        )
    )


def chain(length: int, tenant: str = TENANT) -> list[dict[str, Any]]:
    """Rows as `append` writes them."""
    rows, prev = [], GENESIS
    for seq in range(1, length + 1):
        fields = record(seq)
        digest = record_hash(prev, tenant, seq, fields)
        rows.append({"tenant_id": tenant, "seq": seq, **fields, "prev_hash": prev, "hash": digest})
        prev = digest
    return rows


def test_record_hash_is_hex_sha256_and_deterministic() -> None:
    first = record_hash(GENESIS, TENANT, 1, record(1))
    assert len(first) == 64 and int(first, 16) >= 0
    assert first == record_hash(GENESIS, TENANT, 1, record(1))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("prev_hash", "1" * 64),
        ("tenant", "other"),
        ("seq", 2),
        ("at", datetime(2026, 11, 27, 9, 30, 1, 121, tzinfo=UTC)),
        ("detail", "another change"),
        ("status", 200),
        ("after", {"enabled": True, "rights": ["claims:view"], "n": 1}),
    ],
)
def test_record_hash_covers_link_tenant_seq_and_fields(name: str, value: Any) -> None:
    args: dict[str, Any] = {"prev_hash": GENESIS, "tenant": TENANT, "seq": 1}
    fields = record(1)
    if name in args:
        args[name] = value
    else:
        fields[name] = value
    assert record_hash(**args, fields=fields) != record_hash(GENESIS, TENANT, 1, record(1))


def test_canonical_form_is_pinned() -> None:
    """Other tools may check the chain: this is the exact form they must reproduce."""
    fields: dict[str, Any] = dict.fromkeys(FIELDS)
    fields |= {
        "at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        "kind": "access",
        "actor": "u",
        "actor_name": "Jé",
        "acting_as": "employee",
        "outcome": "allowed",
        "status": 200,
        "after": {"b": 1, "a": [True, None]},
    }
    canonical = (
        '{"acting_as":"employee","action":null,"actor":"u","actor_name":"J\\u00e9",'
        '"after":{"a":[true,null],"b":1},"at":"2026-01-02T03:04:05.000000+00:00",'
        '"before":null,"detail":null,"grant_id":null,"kind":"access","method":null,'
        '"module":null,"outcome":"allowed","path":null,"request_id":null,"seq":7,'
        '"status":200,"tenant":"acme","trace_id":null}'
    )
    assert canonical_json(TENANT, 7, fields) == canonical
    prev = "ab" * 32
    expected = hashlib.sha256((prev + canonical).encode()).hexdigest()
    assert record_hash(prev, TENANT, 7, fields) == expected


def test_time_zone_of_at_does_not_change_the_hash() -> None:
    """PostgreSQL may answer in another zone; the same instant must hash the same."""
    fields = record(1)
    elsewhere = {**fields, "at": fields["at"].astimezone(timezone(timedelta(hours=-5)))}
    assert record_hash(GENESIS, TENANT, 1, elsewhere) == record_hash(GENESIS, TENANT, 1, fields)
    assert '"at":"2026-11-27T09:30:01.000120+00:00"' in canonical_json(TENANT, 1, elsewhere)


def test_canonical_json_ignores_stored_extras_but_needs_every_field() -> None:
    fields = record(1)
    extras = {**fields, "prev_hash": "x", "hash": "y", "tenant_id": "z"}
    assert canonical_json(TENANT, 1, extras) == canonical_json(TENANT, 1, fields)
    del fields["detail"]
    with pytest.raises(KeyError):
        canonical_json(TENANT, 1, fields)


def test_naive_time_is_refused() -> None:
    with pytest.raises(ValueError):
        AuditRecord(
            at=datetime(2026, 11, 27),
            kind="access",
            actor="u",
            actor_name="u",
            acting_as="employee",
            outcome="allowed",
        )


def test_hash_covers_every_column_of_a_record() -> None:
    own = {c.name for c in audit_log.columns} - {"tenant_id", "seq", "prev_hash", "hash"}
    assert set(FIELDS) == own == {f.name for f in dataclasses.fields(AuditRecord)}


def test_valid_chain_passes() -> None:
    report = verify_rows(TENANT, chain(3))
    assert (report.valid, report.records, report.first_broken_seq, report.problem) == (
        True,
        3,
        None,
        None,
    )


def test_empty_chain_is_valid() -> None:
    report = verify_rows(TENANT, [])
    assert report.valid and report.records == 0


def test_altered_field_is_found_at_its_seq() -> None:
    rows = chain(3)
    rows[1]["detail"] = "nothing happened"
    report = verify_rows(TENANT, rows)
    assert not report.valid and report.records == 3
    assert report.first_broken_seq == 2
    assert report.problem and "altered" in report.problem


def test_altered_json_document_is_found() -> None:
    rows = chain(3)
    rows[2]["after"] = {**rows[2]["after"], "rights": ["claims:view", "ledger:post"]}
    report = verify_rows(TENANT, rows)
    assert (report.valid, report.first_broken_seq) == (False, 3)


def test_altered_and_rehashed_record_is_found_at_the_next() -> None:
    rows = chain(3)
    rows[1]["detail"] = "nothing happened"
    rows[1]["hash"] = record_hash(rows[1]["prev_hash"], TENANT, 2, rows[1])
    report = verify_rows(TENANT, rows)
    assert (report.valid, report.first_broken_seq) == (False, 3)
    assert report.problem and "prev_hash" in report.problem


def test_deleted_record_is_found_at_the_missing_seq() -> None:
    rows = chain(3)
    del rows[1]
    report = verify_rows(TENANT, rows)
    assert (report.valid, report.records, report.first_broken_seq) == (False, 2, 2)
    assert report.problem and "record 2 missing" in report.problem


def test_deleted_first_record_is_found() -> None:
    report = verify_rows(TENANT, chain(3)[1:])
    assert (report.valid, report.first_broken_seq) == (False, 1)


def test_deleted_and_renumbered_record_is_found() -> None:
    """Closing the gap by renumbering breaks the link and the hash."""
    rows = chain(3)
    del rows[1]
    rows[1]["seq"] = 2
    report = verify_rows(TENANT, rows)
    assert (report.valid, report.first_broken_seq) == (False, 2)


def test_swapped_order_is_found() -> None:
    rows = chain(3)
    rows[1], rows[2] = rows[2], rows[1]
    report = verify_rows(TENANT, rows)
    assert (report.valid, report.first_broken_seq) == (False, 2)


def test_swapped_seqs_are_found() -> None:
    rows = chain(3)
    rows[1]["seq"], rows[2]["seq"] = 3, 2
    rows[1], rows[2] = rows[2], rows[1]
    report = verify_rows(TENANT, rows)
    assert (report.valid, report.first_broken_seq) == (False, 2)


def test_record_moved_from_another_tenant_is_found() -> None:
    rows = chain(3)
    rows[1] = chain(3, tenant="globex")[1] | {"prev_hash": rows[0]["hash"]}
    report = verify_rows(TENANT, rows)
    assert (report.valid, report.first_broken_seq) == (False, 2)


def test_first_break_is_reported_once_counting_on() -> None:
    rows = chain(5)
    rows[1]["detail"] = "x"
    rows[3]["detail"] = "y"
    report = verify_rows(TENANT, rows)
    assert (report.records, report.first_broken_seq) == (5, 2)


def test_gateway_decision_becomes_an_access_record() -> None:
    data = {
        "at": "2026-11-27T09:30:00.5+01:00",
        "subject": "u-1",
        "username": "jane",
        "acting_as": "support",
        "grant_id": "g-1",
        "module": "claims",
        "action": "view",
        "method": "GET",
        "path": "/api/claims",
        "outcome": "refused",
        "status": 403,
        "trace_id": "t",
        "request_id": "r",
        "detail": "You may not view in claims",
    }
    made = access_record(data, "2026-11-27T00:00:00+00:00")
    assert made.kind == "access" and made.actor == "u-1" and made.actor_name == "jane"
    assert (made.grant_id, made.outcome, made.status) == ("g-1", "refused", 403)
    assert made.at == datetime(2026, 11, 27, 8, 30, 0, 500000, tzinfo=UTC)
    assert made.before is None and made.after is None
