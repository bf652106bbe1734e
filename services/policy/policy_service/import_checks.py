"""Answers `policy.import.check` for the imports service's dry run (contracts/requests/): which
relations of a conversion package the tenant already has. The same relation is a person with
the same name (as `duplicates.normalised_name` compares names) and date of birth, or an
organisation with the same Chamber of Commerce number."""

import json
from datetime import date
from typing import Any

from sqlalchemy import and_, or_, select

from backoffice_domain.parties import normalised_name
from policy_service.tables import relations
from servicekit.app import Runtime

MAX_RELATIONS = 1000


async def on_import_check(runtime: Runtime, data: bytes) -> bytes:
    body: dict[str, Any] = json.loads(data)
    wanted: list[dict[str, Any]] = body["relations"][:MAX_RELATIONS]
    births = {
        r["date_of_birth"] for r in wanted if r["kind"] == "person" and r.get("date_of_birth")
    }
    cocs = {r["coc_number"] for r in wanted if r["kind"] == "organization" and r.get("coc_number")}
    if not births and not cocs:
        return json.dumps({"ok": True, "matches": []}).encode()
    async with runtime.db.tenant_transaction(body["tenant"]) as session:
        rows = (
            await session.execute(
                select(
                    relations.c.id,
                    relations.c.name,
                    relations.c.kind,
                    relations.c.date_of_birth,
                    relations.c.coc_number,
                ).where(
                    or_(
                        and_(
                            relations.c.kind == "person",
                            relations.c.date_of_birth.in_([date.fromisoformat(b) for b in births]),
                        ),
                        and_(relations.c.kind == "organization", relations.c.coc_number.in_(cocs)),
                    )
                )
            )
        ).all()
    known: dict[str, Any] = {}
    for row in rows:
        if row.kind == "person" and row.date_of_birth is not None:
            known.setdefault(f"{normalised_name(row.name)}|{row.date_of_birth.isoformat()}", row)
        elif row.coc_number:
            known.setdefault(f"coc|{row.coc_number}", row)
    matches = []
    for relation in wanted:
        if relation["kind"] == "person" and relation.get("date_of_birth"):
            key = f"{normalised_name(relation['name'])}|{relation['date_of_birth']}"
        elif relation["kind"] == "organization" and relation.get("coc_number"):
            key = f"coc|{relation['coc_number']}"
        else:
            continue
        if (row := known.get(key)) is not None:
            matches.append({"line": relation["line"], "relation_id": str(row.id), "name": row.name})
    return json.dumps({"ok": True, "matches": matches}).encode()
