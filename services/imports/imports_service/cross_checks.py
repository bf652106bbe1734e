"""The checks between rows, set-based over the staged rows of an import: keys twice in the
package, relations twice under different references, references to nothing, keys imported
before, claims before their policy's start. Each finding is a RowError at the row it concerns.

"Imported before" means an import of the tenant that was committed (`COMMITTED`): what it holds
is in the tenant's books, on its way there, or not yet all out again."""

from collections.abc import AsyncIterator
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from imports_service.conversion import Kind, RowError

COMMITTED = ("loading", "loaded", "withdrawing", "withdrawal_stopped")
COMMITTED_SQL = "(" + ", ".join(f"'{status}'" for status in COMMITTED) + ")"  # for `in`


@dataclass(frozen=True)
class Reference:
    """`kind`.`field` names a row of `target` by its key; `role`: which that relation must have."""

    kind: Kind
    field: str
    target: Kind
    role: str | None = None


REFERENCES = (
    Reference("relations", "advisor_ref", "relations", "advisor"),
    Reference("policies", "holder_ref", "relations"),
    Reference("policies", "advisor_ref", "relations", "advisor"),
    Reference("debtor_items", "relation_ref", "relations"),
    Reference("debtor_items", "policy_ref", "policies"),
    Reference("creditor_items", "relation_ref", "relations"),
    Reference("claims", "policy_ref", "policies"),
    Reference("claims", "claimant_ref", "relations"),
)
WHAT = {
    "relations": "relation",
    "policies": "policy",
    "debtor_items": "debtor item",
    "creditor_items": "creditor item",
    "opening_balances": "opening balance",
    "claims": "claim",
}
KEY_FIELD = {
    "relations": "ref",
    "policies": "ref",
    "debtor_items": "document",
    "creditor_items": "document",
    "opening_balances": "account",
    "claims": "ref",
}

# Rows visible to the checks: this import's, and those of the tenant's committed imports.
_KNOWN = f"""
    (t.import_id = :id or t.import_id in
        (select i.id from imports i where i.status in {COMMITTED_SQL}))
"""


async def findings(
    session: AsyncSession, import_id: str, files: dict[str, str]
) -> AsyncIterator[RowError]:
    """Every finding, kind by kind. `files`: the file name of each kind in the package."""
    params = {"id": import_id}
    for kind, name in files.items():
        rows = await session.execute(
            text(
                """
                select line, key, first from (
                    select line, key, min(line) over (partition by key) as first
                    from import_rows where import_id = :id and kind = :kind) r
                where line > first order by line
                """
            ),
            params | {"kind": kind},
        )
        for line, key, first in rows:
            message = f"{key} is in the file twice (also on line {first})"
            yield RowError(name, line, KEY_FIELD[kind], message)
        rows = await session.execute(
            text(
                f"""
                select r.line, r.key, i.number, t.line from import_rows r
                join import_rows t on t.tenant_id = r.tenant_id and t.kind = r.kind
                    and t.key = r.key and t.import_id <> r.import_id
                join imports i on i.id = t.import_id and i.status in {COMMITTED_SQL}
                where r.import_id = :id and r.kind = :kind order by r.line
                """
            ),
            params | {"kind": kind},
        )
        for line, key, number, earlier in rows:
            message = f"{key} was imported before (import {number}, line {earlier})"
            yield RowError(name, line, KEY_FIELD[kind], message)
    if "relations" in files:
        async for error in _same_relations(session, import_id, files["relations"]):
            yield error
    for reference in REFERENCES:
        if reference.kind in files:
            async for error in _dangling(session, import_id, reference, files[reference.kind]):
                yield error
    if "claims" in files:
        async for error in _claims_before_cover(session, import_id, files["claims"]):
            yield error
    if "policies" in files:
        async for error in _mandates_twice(session, import_id, files["policies"]):
            yield error


async def _mandates_twice(
    session: AsyncSession, import_id: str, name: str
) -> AsyncIterator[RowError]:
    """A mandate reference is unique within the tenant: two policies may share their holder's
    mandate only if it is the same mandate (same IBAN and date signed)."""
    rows = await session.execute(
        text(
            """
            with given as (
                select line, data -> 'mandate' as mandate, data ->> 'holder_ref' as holder
                from import_rows
                where import_id = :id and kind = 'policies'
                    and jsonb_typeof(data -> 'mandate') = 'object')
            select g.line, f.reference, f.first from given g
            join (select mandate ->> 'reference' as reference, min(line) as first,
                    count(distinct (mandate ->> 'iban', mandate ->> 'signed_on', holder))
                        as versions
                  from given group by 1) f on f.reference = g.mandate ->> 'reference'
            where g.line > f.first and f.versions > 1 order by g.line
            """
        ),
        {"id": import_id},
    )
    for line, reference, first in rows:
        message = f"mandate {reference} is given differently on line {first}"
        yield RowError(name, line, "mandate", message)


async def _same_relations(
    session: AsyncSession, import_id: str, name: str
) -> AsyncIterator[RowError]:
    rows = await session.execute(
        text(
            """
            select line, first_key, first from (
                select line, identity,
                    min(line) over (partition by identity) as first,
                    first_value(key) over (partition by identity order by line) as first_key
                from import_rows
                where import_id = :id and kind = 'relations' and identity is not null) r
            where line > first order by line
            """
        ),
        {"id": import_id},
    )
    for line, first_key, first in rows:
        message = (
            f"the same relation as {first_key} on line {first}"
            " (name and date of birth, or CoC number)"
        )
        yield RowError(name, line, "ref", message)


async def _dangling(
    session: AsyncSession, import_id: str, reference: Reference, name: str
) -> AsyncIterator[RowError]:
    rows = await session.execute(
        text(
            f"""
            select r.line, r.data ->> :field as ref, t.data -> 'roles' as roles from import_rows r
            left join lateral (
                select t.data from import_rows t
                where t.kind = :target and t.key = r.data ->> :field and {_KNOWN}
                limit 1) t on true
            where r.import_id = :id and r.kind = :kind and r.data ->> :field is not null
                and (t.data is null
                     or (cast(:role as text) is not null
                         and not (t.data -> 'roles') @> jsonb_build_array(cast(:role as text))))
            order by r.line
            """
        ),
        {
            "id": import_id,
            "kind": reference.kind,
            "field": reference.field,
            "target": reference.target,
            "role": reference.role,
        },
    )
    what = WHAT[reference.target]
    for line, ref, roles in rows:
        if roles is None:
            message = f"no {what} {ref} in the package, nor imported before"
        else:
            message = f"relation {ref} is not an {reference.role}"
        yield RowError(name, line, reference.field, message)


async def _claims_before_cover(
    session: AsyncSession, import_id: str, name: str
) -> AsyncIterator[RowError]:
    rows = await session.execute(
        text(
            f"""
            select r.line, t.data ->> 'start_date' as start from import_rows r
            join lateral (
                select t.data from import_rows t
                where t.kind = 'policies' and t.key = r.data ->> 'policy_ref' and {_KNOWN}
                limit 1) t on true
            where r.import_id = :id and r.kind = 'claims'
                and cast(r.data ->> 'loss_date' as date) < cast(t.data ->> 'start_date' as date)
            order by r.line
            """
        ),
        {"id": import_id},
    )
    for line, start in rows:
        yield RowError(name, line, "loss_date", f"before the policy's start date {start}")
