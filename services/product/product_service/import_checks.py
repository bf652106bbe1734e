"""Answers `product.import.check` for the imports service (contracts/requests/): for each policy
of a conversion package, whether its product version is live or in test, and whether its
coverages and risk answers fit that version, by the rules that rate a quote. Asked with `rate`
(by the load), it also answers each policy's rating as `product.rate` answers it."""

import json
from datetime import date
from typing import Any

from sqlalchemy import select, tuple_

from product_service.definition import stored_definition
from product_service.quotes import rate_answers
from product_service.rate_requests import rate_reply
from product_service.tables import product_versions
from servicekit.app import Runtime
from servicekit.problems import Problem

IMPORTABLE = ("live", "test")
MAX_POLICIES = 1000


async def on_import_check(runtime: Runtime, data: bytes) -> bytes:
    body: dict[str, Any] = json.loads(data)
    policies: list[dict[str, Any]] = body["policies"][:MAX_POLICIES]
    wanted = {(p["code"], int(p["version"])) for p in policies}
    async with runtime.db.tenant_transaction(body["tenant"]) as session:
        rows = (
            await session.execute(
                select(product_versions).where(
                    tuple_(product_versions.c.code, product_versions.c.version).in_(wanted)
                )
            )
        ).all()
    versions = {(row.code, row.version): row for row in rows}
    errors, ratings = [], []
    for policy in policies:
        version = versions.get((policy["code"], policy["version"]))
        problems = _problems(version, policy)
        errors += [
            {"line": policy["line"], "field": field, "message": message}
            for field, message in problems
        ]
        if body.get("rate") and not problems:
            ratings.append({"line": policy["line"], "rating": _rating(version, policy)})
    reply: dict[str, Any] = {"ok": True, "errors": errors}
    if body.get("rate"):
        reply["ratings"] = ratings
    return json.dumps(reply).encode()


def _rating(row: Any, policy: dict[str, Any]) -> dict[str, Any]:
    definition = stored_definition(row)
    result = rate_answers(
        definition,
        policy["risk"],
        list(policy["coverages"]),
        date.fromisoformat(policy["start_date"]),
        policy["frequency"],
    )
    return rate_reply(definition, row.definition["insurer"], result)


def _problems(row: Any, policy: dict[str, Any]) -> list[tuple[str, str]]:
    name = f"product {policy['code']} version {policy['version']}"
    if row is None:
        return [("product_version", f"the tenant has no {name}")]
    if row.status not in IMPORTABLE:
        return [("product_version", f"{name} is {row.status}, not live or in test")]
    try:
        rate_answers(
            stored_definition(row),
            policy["risk"],
            list(policy["coverages"]),
            date.fromisoformat(policy["start_date"]),
            policy["frequency"],
        )
    except Problem as problem:
        # The quote's fields are the package's columns: `risk.<question>`, `coverages.<i>`.
        found = [
            (str(e.get("field") or "risk"), str(e.get("message"))) for e in problem.errors or []
        ]
        return found or [("risk", problem.detail)]
    return []
