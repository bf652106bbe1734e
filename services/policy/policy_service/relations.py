"""Relations (NAW): persons and organizations with their address, roles and advisor. Every change
is kept as history (who, when, before, after) and published as `relation.changed`; a new relation
comes back with its possible duplicates."""

import uuid
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator
from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backoffice_domain.parties import Address, PartyDetails, postcode_as_stored
from policy_service.duplicates import Known, duplicate_reasons
from policy_service.tables import outbox, policies, relation_history, relations
from servicekit.app import Context, TenantSession
from servicekit.context_token import RequestContext
from servicekit.events import Event
from servicekit.outbox import add_event
from servicekit.paging import Page, Paging, keyset_page
from servicekit.problems import Problem
from servicekit.rows import insert_with_record, row_by_id

router = APIRouter(prefix="/api/relations", tags=["relations"])

Role = Literal["policyholder", "insured", "advisor", "intermediary", "insurer", "claimant", "payee"]
ADVISING_ROLES = {"advisor", "intermediary"}


class RelationIn(PartyDetails):
    coc_number: str | None = Field(
        default=None, pattern=r"^[0-9]{8}$", description="Chamber of Commerce (KvK) number"
    )
    roles: list[Role] = Field(min_length=1, max_length=7)
    advisor_id: str | None = None

    @field_validator("roles")
    @classmethod
    def _distinct(cls, roles: list[str]) -> list[str]:
        return sorted(set(roles))

    @model_validator(mode="after")
    def _organization_fields(self) -> "RelationIn":
        if self.kind == "person" and self.coc_number:
            raise ValueError("coc_number: only organizations have a Chamber of Commerce number")
        if self.kind == "organization" and self.date_of_birth:
            raise ValueError("date_of_birth: organizations have none")
        return self


class RelationPatch(BaseModel):
    """The fields to change; the others stay as they are."""

    model_config = {"extra": "forbid"}

    name: str | None = None
    date_of_birth: str | None = None
    email: str | None = None
    phone: str | None = None
    iban: str | None = None
    coc_number: str | None = None
    address: dict[str, Any] | None = None
    roles: list[str] | None = None
    advisor_id: str | None = None


class Duplicate(BaseModel):
    id: str
    name: str
    reasons: list[str]


class RelationOut(RelationIn):
    id: str
    row_version: int
    created_at: datetime
    updated_at: datetime
    possible_duplicates: list[Duplicate] | None = None


class HistoryEntry(BaseModel):
    at: datetime
    by: str
    change: str
    before: dict[str, Any] | None
    after: dict[str, Any]


def _fields(row: Any) -> dict[str, Any]:
    """A stored relation as the API (and its history and events) shows it."""
    return {
        "kind": row.kind,
        "name": row.name,
        "date_of_birth": row.date_of_birth.isoformat() if row.date_of_birth else None,
        "email": row.email,
        "phone": row.phone,
        "iban": row.iban,
        "coc_number": row.coc_number,
        "address": {
            "street": row.street,
            "house_number": row.house_number,
            "house_number_addition": row.house_number_addition,
            "postcode": row.postcode,
            "city": row.city,
            "country": row.country,
        },
        "roles": list(row.roles),
        "advisor_id": str(row.advisor_id) if row.advisor_id else None,
    }


def _columns(relation: RelationIn) -> dict[str, Any]:
    a: Address = relation.address
    return {
        "kind": relation.kind,
        "name": relation.name,
        "date_of_birth": relation.date_of_birth,
        "email": relation.email,
        "phone": relation.phone,
        "iban": relation.iban,
        "coc_number": relation.coc_number,
        "street": a.street,
        "house_number": a.house_number,
        "house_number_addition": a.house_number_addition,
        "postcode": a.postcode,
        "city": a.city,
        "country": a.country,
        "roles": list(relation.roles),
        "advisor_id": relation.advisor_id,
    }


def _out(row: Any, duplicates: list[Duplicate] | None = None) -> RelationOut:
    return RelationOut(
        **_fields(row),
        id=str(row.id),
        row_version=row.row_version,
        created_at=row.created_at,
        updated_at=row.updated_at,
        possible_duplicates=duplicates,
    )


def _known(row_or_relation: Any) -> Known:
    a = getattr(row_or_relation, "address", None) or row_or_relation
    return Known(
        name=row_or_relation.name,
        date_of_birth=row_or_relation.date_of_birth,
        email=row_or_relation.email,
        iban=row_or_relation.iban,
        postcode=a.postcode,
        house_number=a.house_number,
        house_number_addition=a.house_number_addition,
    )


async def possible_duplicates(
    session: AsyncSession, party: PartyDetails, except_id: str | None = None
) -> list[Duplicate]:
    """Stored relations that may be the same as `party`, with the reasons."""
    new = _known(party)
    r = relations.c
    conditions = [
        (r.postcode == new.postcode) & (r.house_number == new.house_number),
        func.lower(r.name) == new.name.lower(),
    ]
    if new.email:
        conditions.append(func.lower(r.email) == new.email.lower())
    if new.iban:
        conditions.append(r.iban == new.iban)
    if new.date_of_birth:
        conditions.append(r.date_of_birth == new.date_of_birth)
    query = select(relations).where(or_(*conditions)).order_by(r.id).limit(200)
    found = []
    for row in (await session.execute(query)).all():
        reasons = duplicate_reasons(new, _known(row))
        if reasons and str(row.id) != except_id:
            found.append(Duplicate(id=str(row.id), name=row.name, reasons=reasons))
    return found


async def _check_advisor(session: AsyncSession, relation: RelationIn, own_id: str | None) -> None:
    if relation.advisor_id is None:
        return
    error = [{"field": "advisor_id", "message": "not an advisor or intermediary of yours"}]
    try:
        uuid.UUID(relation.advisor_id)
    except ValueError as exc:
        raise Problem(422, "Unknown advisor", errors=error) from exc
    advisor = (
        await session.execute(select(relations).where(relations.c.id == relation.advisor_id))
    ).first()
    if advisor is None or not ADVISING_ROLES & set(advisor.roles):
        raise Problem(
            422, "The advisor must be a relation with role advisor or intermediary", errors=error
        )
    if relation.advisor_id == own_id:
        raise Problem(422, "A relation cannot advise itself", errors=error)


# The database's own columns and an import's: not given when a relation is made.
_NOT_GIVEN = ("row_version", "created_at", "updated_at", "external_ref", "import_id")
# The relation and its first history record ("created") in one statement, built once (an
# application's acceptance adds a relation): the columns of `_columns` with tenant_id, id and
# created_by, and the history's actor, actor_name, change, before and after.
_NEW_RELATION = insert_with_record(
    relations,
    [c.name for c in relations.c if c.name not in _NOT_GIVEN],
    relation_history,
    {"tenant_id": "tenant_id", "relation_id": "id"},
    {name: name for name in ("actor", "actor_name", "change", "before", "after")},
)
_NEW_HISTORY = insert(relation_history)


async def _record(
    session: AsyncSession,
    ctx: RequestContext,
    relation_id: str,
    change: str,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> None:
    assert ctx.tenant
    await session.execute(
        _NEW_HISTORY,
        {
            "tenant_id": ctx.tenant,
            "relation_id": relation_id,
            **_by(ctx, change, before, after),
        },
    )
    await _announce(session, ctx, relation_id, change, after)


def _by(
    ctx: RequestContext, change: str, before: dict[str, Any] | None, after: dict[str, Any]
) -> dict[str, Any]:
    """A history record's own values: who changed what."""
    return {
        "actor": ctx.subject,
        "actor_name": ctx.username,
        "change": change,
        "before": before,
        "after": after,
    }


async def _announce(
    session: AsyncSession, ctx: RequestContext, relation_id: str, change: str, after: Any
) -> None:
    assert ctx.tenant
    data = {"relation_id": relation_id, "change": change, "relation": after}
    await add_event(session, outbox, Event.new("policy", "relation.changed", ctx.tenant, data))


async def stored_relation(session: AsyncSession, relation_id: str) -> Any:
    return await row_by_id(session, relations, relation_id, "relation")


async def add_relation(session: AsyncSession, ctx: RequestContext, body: RelationIn) -> Any:
    """Store a new relation (its history and event too); its row."""
    await _check_advisor(session, body, None)
    relation_id = str(uuid.uuid4())
    values = {"tenant_id": ctx.tenant, "id": relation_id, "created_by": ctx.subject}
    values |= _columns(body)
    after = _fields(SimpleNamespace(**values))  # as stored: the row is the values given
    history = _by(ctx, "created", None, after)
    row = (await session.execute(_NEW_RELATION, values | history)).one()
    await _announce(session, ctx, relation_id, "created", after)
    return row


@router.post("", status_code=201, response_model=RelationOut)
async def create_relation(body: RelationIn, ctx: Context, session: TenantSession) -> RelationOut:
    duplicates = await possible_duplicates(session, body)
    return _out(await add_relation(session, ctx, body), duplicates)


# Relations are listed by name, whatever its capitals, then by id, which makes the key unique for
# the cursor (a separator below any character of a name keeps "de Vries" before "de Vries-Bakker").
# Compared byte by byte (collation "C"), so the order is the same whatever the database's locale.
NAME_ORDER = (
    func.concat(func.lower(relations.c.name), "\x01", relations.c.id)
    .collate("C")
    .label("name_order")
)


@router.get("", response_model=Page[RelationOut])
async def list_relations(
    session: TenantSession,
    paging: Paging,
    name: Annotated[str | None, Query(max_length=200, description="Part of the name")] = None,
    postcode: Annotated[str | None, Query(max_length=20)] = None,
    house_number: Annotated[int | None, Query(ge=1)] = None,
    email: Annotated[str | None, Query(max_length=254)] = None,
    role: Annotated[Role | None, Query()] = None,
    policy_number: Annotated[
        str | None, Query(max_length=30, description="The holder of this policy")
    ] = None,
) -> Page[RelationOut]:
    """By name (capitals aside)."""
    query = select(relations, NAME_ORDER)
    r = relations.c
    if policy_number:
        holders = select(policies.c.holder_id).where(
            policies.c.number == policy_number.strip().upper()
        )
        query = query.where(r.id.in_(holders))
    if name:
        escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(r.name.ilike(f"%{escaped}%", escape="\\"))
    if postcode:
        query = query.where(r.postcode == postcode_as_stored(postcode))
    if house_number is not None:
        query = query.where(r.house_number == house_number)
    if email:
        query = query.where(func.lower(r.email) == email.lower())
    if role:
        query = query.where(r.roles.any(role))
    return await keyset_page(session, query, NAME_ORDER, paging, _out)


@router.get("/{relation_id}", response_model=RelationOut)
async def get_relation(relation_id: str, session: TenantSession) -> RelationOut:
    return _out(await stored_relation(session, relation_id))


@router.patch("/{relation_id}", response_model=RelationOut)
async def change_relation(
    relation_id: str, body: RelationPatch, ctx: Context, session: TenantSession
) -> RelationOut:
    row = await stored_relation(session, relation_id)
    before = _fields(row)
    changes = body.model_dump(exclude_unset=True)
    if "address" in changes and changes["address"] is not None:
        changes["address"] = before["address"] | changes["address"]
    try:
        changed = RelationIn.model_validate(before | changes)
    except ValidationError as exc:
        errors = [
            {"field": ".".join(str(p) for p in e["loc"]) or "body", "message": e["msg"]}
            for e in exc.errors()
        ]
        raise Problem(422, "The change is not valid", errors=errors) from exc
    await _check_advisor(session, changed, relation_id)
    if changed.model_dump(mode="json") == before:
        return _out(row)
    await session.execute(
        update(relations)
        .where(relations.c.id == relation_id)
        .values(
            **_columns(changed),
            row_version=relations.c.row_version + 1,
            updated_at=datetime.now(UTC),
        )
    )
    row = await stored_relation(session, relation_id)
    await _record(session, ctx, relation_id, "updated", before, _fields(row))
    return _out(row)


@router.get("/{relation_id}/history", response_model=list[HistoryEntry])
async def relation_history_of(relation_id: str, session: TenantSession) -> list[HistoryEntry]:
    await stored_relation(session, relation_id)
    rows = (
        await session.execute(
            select(relation_history)
            .where(relation_history.c.relation_id == relation_id)
            .order_by(relation_history.c.at)
        )
    ).all()
    return [
        HistoryEntry(at=h.at, by=h.actor_name, change=h.change, before=h.before, after=h.after)
        for h in rows
    ]
