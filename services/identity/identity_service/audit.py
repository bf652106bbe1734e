"""The tenant's audit trail: every gateway decision and every administration change, appended to a
per-tenant hash chain so that a row removed or altered behind the append-only trigger shows.

Each record's hash is sha256 over the previous record's hash followed by the record's canonical
JSON (`canonical_json`); the first record follows 64 zeros. Deleting the newest records is not
detectable from the chain alone: that needs the last hash kept somewhere else.
"""

import asyncio
import hashlib
import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from fastapi import APIRouter, Query
from nats.js import JetStreamContext
from pydantic import BaseModel
from sqlalchemy import (
    ColumnElement,
    Select,
    cast,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from identity_service.guards import require_administrator
from identity_service.tables import audit_log, inbox
from servicekit.access import AUTHENTICATED
from servicekit.app import Context, RuntimeDep
from servicekit.events import EVENTS_STREAM, Event
from servicekit.paging import Page, Paging, page_of
from servicekit.problems import Problem

GENESIS = "0" * 64
KINDS = ("access", "administration", "login")
# The record's own fields, in the order of the table; the hash covers them plus tenant and seq.
FIELDS = (
    "at",
    "kind",
    "actor",
    "actor_name",
    "acting_as",
    "grant_id",
    "module",
    "action",
    "method",
    "path",
    "outcome",
    "status",
    "trace_id",
    "request_id",
    "detail",
    "before",
    "after",
)
VERIFY_BATCH = 1000


@dataclass(frozen=True)
class AuditRecord:
    """One entry: who (`actor`, acting as what, under which support grant) did what, and how it
    ended. `kind` is "access", "administration" or "login"; `outcome` "allowed", "refused" or
    "changed"."""

    at: datetime
    kind: str
    actor: str
    actor_name: str
    acting_as: str
    outcome: str
    grant_id: str | None = None
    module: str | None = None
    action: str | None = None
    method: str | None = None
    path: str | None = None
    status: int | None = None
    trace_id: str | None = None
    request_id: str | None = None
    detail: str | None = None
    before: dict[str, Any] | None = field(default=None, hash=False)
    after: dict[str, Any] | None = field(default=None, hash=False)

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError("AuditRecord.at must be timezone-aware")
        if self.kind not in KINDS:
            raise ValueError(f"AuditRecord.kind must be one of {KINDS}, not {self.kind!r}")


@dataclass(frozen=True)
class ChainReport:
    """`first_broken_seq` is the lowest seq where the chain does not hold: a missing seq, or the
    record whose link (prev_hash) or own hash fails; `problem` says which."""

    valid: bool
    records: int
    first_broken_seq: int | None = None
    problem: str | None = None


# The hash chain (pure).


def utc_iso(at: datetime) -> str:
    """The one rendering of a time in the hash, e.g. `2026-11-27T09:30:00.000000+00:00`, whatever
    time zone the value came in (PostgreSQL answers in the session's)."""
    if at.tzinfo is None:
        raise ValueError("a naive datetime has no single UTC rendering")
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def canonical_json(tenant: str, seq: int, fields: Mapping[str, Any]) -> str:
    """Exactly the FIELDS of `fields` (others, like prev_hash, are ignored) plus tenant and seq,
    with sorted keys, no spaces, ASCII only, `at` as `utc_iso`."""
    payload = {name: fields[name] for name in FIELDS}
    payload["at"] = utc_iso(payload["at"])
    payload["tenant"] = tenant
    payload["seq"] = seq
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)


def record_hash(prev_hash: str, tenant: str, seq: int, fields: Mapping[str, Any]) -> str:
    """sha256 hex of prev_hash followed by the record's canonical JSON."""
    content = prev_hash + canonical_json(tenant, seq, fields)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


@dataclass
class ChainWalk:
    """Checks records fed in seq order, one at a time, so a long chain need not fit in memory."""

    tenant: str
    records: int = 0
    last_hash: str = GENESIS
    broken: tuple[int, str] | None = None

    def add(self, row: Mapping[str, Any]) -> None:
        self.records += 1
        if self.broken is None:
            self.broken = _break_in(self.tenant, self.records, self.last_hash, row)
        self.last_hash = row["hash"]

    def report(self) -> ChainReport:
        if self.broken is None:
            return ChainReport(valid=True, records=self.records)
        seq, problem = self.broken
        return ChainReport(valid=False, records=self.records, first_broken_seq=seq, problem=problem)


def _break_in(
    tenant: str, expected: int, prev_hash: str, row: Mapping[str, Any]
) -> tuple[int, str] | None:
    """Where and how `row`, expected to be record `expected` after `prev_hash`, breaks the chain."""
    seq = row["seq"]
    if seq != expected:
        if isinstance(seq, int) and seq > expected:
            missing = f"{expected}" if seq == expected + 1 else f"{expected} to {seq - 1}"
            return expected, f"record {missing} missing: seq {seq} comes where {expected} was due"
        return expected, f"seq {seq} out of order where seq {expected} was due"
    if row["prev_hash"] != prev_hash:
        return seq, (
            f"record {seq} does not follow record {seq - 1}: its prev_hash is not that record's "
            "hash, so one of the two was altered or replaced"
        )
    if row["hash"] != record_hash(prev_hash, tenant, seq, row):
        return seq, f"record {seq} was altered: its contents no longer match its hash"
    return None


def verify_rows(tenant: str, rows: Iterable[Mapping[str, Any]]) -> ChainReport:
    """The chain check over `rows` taken in the order given (which must be seq order)."""
    walk = ChainWalk(tenant)
    for row in rows:
        walk.add(row)
    return walk.report()


# The chain in the database.


async def append(session: AsyncSession, tenant: str, record: AuditRecord) -> int:
    """Append `record` to `tenant`'s chain in the caller's transaction and return its seq."""
    return (await append_many(session, tenant, [record]))[-1]


async def append_many(session: AsyncSession, tenant: str, records: list[AuditRecord]) -> list[int]:
    """Append `records`, in order, to `tenant`'s chain in the caller's transaction; their seqs.

    A transaction-scoped advisory lock per tenant serialises appends, so concurrent ones get
    consecutive seqs and each links to the one committed before it (read committed: the read after
    the lock sees it). The primary key (tenant_id, seq) refuses a fork should that ever fail.
    Many records cost one lock, one read and one insert: a burst of the gateway's decisions is
    recorded in a batch."""
    await session.execute(
        text("select pg_advisory_xact_lock(hashtext(:tenant))"), {"tenant": tenant}
    )
    last = (
        await session.execute(
            select(audit_log.c.seq, audit_log.c.hash)
            .where(audit_log.c.tenant_id == tenant)
            .order_by(audit_log.c.seq.desc())
            .limit(1)
        )
    ).first()
    seq, prev_hash = (last.seq, last.hash) if last else (0, GENESIS)
    rows, seqs = [], []
    for record in records:
        seq += 1
        fields = await _as_stored(session, record)
        digest = record_hash(prev_hash, tenant, seq, fields)
        documents = {name: _jsonb(fields[name]) for name in ("before", "after")}
        rows.append(
            {**fields, **documents, "tenant_id": tenant, "seq": seq, "prev_hash": prev_hash}
            | {"hash": digest}
        )
        seqs.append(seq)
        prev_hash = digest
    if rows:
        await session.execute(insert(audit_log), rows)
    return seqs


async def _as_stored(session: AsyncSession, record: AuditRecord) -> dict[str, Any]:
    """The record's fields as verify will read them back, so the hash is of what is stored:
    `at` in UTC, and before/after as JSONB gives them (JSONB rewrites numbers such as 1e+16)."""
    fields = asdict(record)
    fields["at"] = record.at.astimezone(UTC)
    if record.before is not None or record.after is not None:
        documents = select(_as_jsonb(record.before), _as_jsonb(record.after))
        fields["before"], fields["after"] = (await session.execute(documents)).one()
    return fields


def _as_jsonb(document: dict[str, Any] | None) -> ColumnElement[Any]:
    if document is None:
        return null()
    plain = json.loads(json.dumps(document, default=str))
    return cast(literal(plain, JSONB), JSONB)


def _jsonb(document: dict[str, Any] | None) -> Any:
    """SQL NULL for no document (SQLAlchemy would otherwise store the JSON `null`)."""
    return null() if document is None else document


async def verify(session: AsyncSession, tenant: str) -> ChainReport:
    """Walk `tenant`'s whole chain in seq order, in batches of VERIFY_BATCH."""
    walk = ChainWalk(tenant)
    after: int | None = None
    while True:
        query = (
            select(audit_log)
            .where(audit_log.c.tenant_id == tenant)
            .order_by(audit_log.c.seq)
            .limit(VERIFY_BATCH)
        )
        if after is not None:
            query = query.where(audit_log.c.seq > after)
        rows = (await session.execute(query)).all()
        for row in rows:
            walk.add(row._asdict())
        if len(rows) < VERIFY_BATCH:
            return walk.report()
        after = rows[-1].seq


# The gateway's decisions.

# The consumer that appends them. Nobody waits for a decision to be appended (the gateway waits
# only for JetStream's acknowledgement), so it gathers them unhurried.
AUDIT_CONSUMER = "identity-audit"


async def record_gateway_decision(session: AsyncSession, event: Event) -> None:
    """Consumer of `events.gateway.access.decided`: the decision joins its tenant's trail. The
    consumer's inbox makes a redelivered event append nothing."""
    await record_gateway_decisions(session, [event])


async def record_gateway_decisions(session: AsyncSession, events: list[Event]) -> None:
    """The same for a batch of one tenant's decisions, in their order: one append."""
    tenant = events[0].tenant if events else None
    if tenant is None:
        return
    records = [access_record(d, e.occurred_at) for e in events for d in decisions_in(e.data)]
    await append_many(session, tenant, records)


def decisions_in(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The decisions an `access.decided` event holds: the gateway gathers those taken while its
    previous publish was on its way (`records`); an event of an earlier gateway holds one."""
    records = data.get("records")
    return list(records) if isinstance(records, list) else [data]


def access_record(data: Mapping[str, Any], occurred_at: str) -> AuditRecord:
    """The audit record of an `access.decided` event's data (`at` falls back to the event's)."""
    return AuditRecord(
        at=_aware(datetime.fromisoformat(data.get("at") or occurred_at)),
        kind="access",
        actor=data["subject"],
        actor_name=data.get("username") or data["subject"],
        acting_as=data["acting_as"],
        grant_id=data.get("grant_id"),
        module=data.get("module"),
        action=data.get("action"),
        method=data.get("method"),
        path=data.get("path"),
        outcome=data["outcome"],
        status=data.get("status"),
        trace_id=data.get("trace_id"),
        request_id=data.get("request_id"),
        detail=data.get("detail"),
    )


def _aware(at: datetime) -> datetime:
    """Times without a zone are taken as UTC, the zone every service writes in."""
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


# The administrator's view.

router = APIRouter(prefix="/api/identity", tags=["audit"])


class AuditEntry(BaseModel):
    seq: int
    at: datetime
    kind: str
    actor: str
    actor_name: str
    acting_as: str
    grant_id: str | None = None
    module: str | None = None
    action: str | None = None
    method: str | None = None
    path: str | None = None
    outcome: str
    status: int | None = None
    trace_id: str | None = None
    request_id: str | None = None
    detail: str | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    hash: str


def _decisions_of(message: bytes | None) -> int:
    """How many decisions a waiting event holds (one if it cannot even be read)."""
    try:
        return max(len(decisions_in(Event.decode(message or b"").data)), 1)
    except Exception:
        return 1


# How long a check of the trail waits for the decisions JetStream still holds for the audit
# consumer, which gathers a trickle for 200 ms before taking it in: until they are in its inbox
# they cannot be counted per tenant, and a check right after a request said none was on its way
# while its decision was.
TAKE_IN_WAIT = 2.0


async def _taken_in(js: JetStreamContext | None) -> None:
    """Until the audit consumer holds nothing this service has not stored in its inbox, at most
    TAKE_IN_WAIT (NATS away: nothing to wait for; what arrives later is counted by the next)."""
    deadline = time.monotonic() + TAKE_IN_WAIT
    while js is not None and time.monotonic() < deadline:
        try:
            info = await js.consumer_info(EVENTS_STREAM, AUDIT_CONSUMER)
        except Exception:
            return
        if not info.num_pending and not info.num_ack_pending:
            return
        await asyncio.sleep(0.05)


class ChainReportOut(BaseModel):
    """`unrecorded`: decisions of the gateway that could not be written into the trail (parked
    for an operator): the trail is then not whole, whatever its chain says. `recording`:
    events of decisions on their way into it (an event may hold several): taken in and not yet
    written; the check first waits, up to two seconds, for what JetStream still held."""

    valid: bool
    records: int
    first_broken_seq: int | None = None
    problem: str | None = None
    unrecorded: int = 0
    recording: int = 0


@router.get("/tenants/{slug}/audit", response_model=Page[AuditEntry], openapi_extra=AUTHENTICATED)
async def list_audit(
    slug: str,
    ctx: Context,
    runtime: RuntimeDep,
    paging: Paging,
    actor: str | None = Query(None, description="Login id or username"),
    module: str | None = Query(None),
    from_: datetime | None = Query(None, alias="from", description="At or after (UTC if no zone)"),
    to: datetime | None = Query(None, description="Before (UTC if no zone)"),
    grant: str | None = Query(None, description="Support grant id"),
    outcome: Literal["allowed", "refused", "changed"] | None = Query(None),
) -> Page[AuditEntry]:
    """The tenant's trail, newest first (by seq, the order of the chain); the cursor is a seq."""
    await require_administrator(runtime, ctx, slug)
    query = _filtered(select(audit_log), actor, module, from_, to, grant)
    if outcome:
        query = query.where(audit_log.c.outcome == outcome)
    query = query.order_by(audit_log.c.seq.desc()).limit(paging.limit + 1)
    if paging.after:
        query = query.where(audit_log.c.seq < _cursor_seq(paging.after))
    async with runtime.db.tenant_transaction(slug) as session:
        rows = (await session.execute(query)).all()
    items = [AuditEntry.model_validate(row._asdict()) for row in rows]
    return page_of(items, [str(row.seq) for row in rows], paging.limit)


def _filtered(
    query: Select[Any],
    actor: str | None,
    module: str | None,
    from_: datetime | None,
    to: datetime | None,
    grant: str | None,
) -> Select[Any]:
    if actor:
        query = query.where(or_(audit_log.c.actor == actor, audit_log.c.actor_name == actor))
    if module:
        query = query.where(audit_log.c.module == module)
    if from_:
        query = query.where(audit_log.c.at >= _aware(from_))
    if to:
        query = query.where(audit_log.c.at < _aware(to))
    if grant:
        query = query.where(audit_log.c.grant_id == grant)
    return query


def _cursor_seq(after: str) -> int:
    try:
        return int(after)
    except ValueError as exc:
        raise Problem(
            422, "Invalid cursor", errors=[{"field": "cursor", "message": "not a cursor"}]
        ) from exc


@router.get(
    "/tenants/{slug}/audit/verify", response_model=ChainReportOut, openapi_extra=AUTHENTICATED
)
async def verify_audit(slug: str, ctx: Context, runtime: RuntimeDep) -> ChainReportOut:
    """Whether the tenant's whole trail is intact, and if not the first seq where it breaks."""
    await require_administrator(runtime, ctx, slug)
    await _taken_in(runtime.js)
    async with runtime.db.tenant_transaction(slug) as session:
        report = ChainReportOut(**asdict(await verify(session, slug)))
        ours = (inbox.c.consumer == AUDIT_CONSUMER, inbox.c.tenant_id == slug)
        # Parked events are few and each may hold several decisions: counted one by one.
        dead = select(inbox.c.message).where(*ours, inbox.c.status == "dead")
        parked = await session.execute(dead)
        report.unrecorded = sum(_decisions_of(message) for message in parked.scalars())
        report.recording = (
            await session.execute(
                select(func.count()).select_from(inbox).where(*ours, inbox.c.status == "pending")
            )
        ).scalar_one()
    if report.unrecorded and report.valid:
        report.valid = False
        report.problem = (
            f"{report.unrecorded} decision(s) of the gateway could not be recorded;"
            " they wait for an operator in the dead letters"
        )
    return report
