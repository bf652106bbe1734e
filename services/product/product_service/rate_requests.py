"""Answers `product.rate` (servicekit.request_reply, contracts/requests/): rating on a stored
product version for the policy service, which re-rates a policy on the version it was made on
when it is mutated. A Problem raised here goes back to the policy service as the refusal."""

import json
from datetime import date
from typing import Any

from sqlalchemy import select

from product_service.definition import Kept, ProductDefinition, stored_definition
from product_service.quotes import rate_answers
from product_service.rating import QuoteResult
from product_service.tables import product_versions
from servicekit.app import Runtime
from servicekit.problems import Problem

# Versions that can be rated, per tenant, code and version (all forgotten beyond 4,096): a
# version past approval is never edited, sent back to draft or deleted (lifecycle.STEPS), so
# what it rates by is read once instead of in a transaction on every acceptance and mutation.
_RATABLE: Kept[tuple[str, str, int], tuple[ProductDefinition, Any]] = Kept(4096)


async def ratable_version(
    runtime: Runtime, tenant: str, code: str, version: int
) -> tuple[ProductDefinition, Any]:
    """The definition and insurer of a version that can be rated (past approval), or a 422."""
    key = (tenant, code, version)
    kept = _RATABLE.get(key)
    if kept is not None:
        return kept
    async with runtime.db.tenant_transaction(tenant) as session:
        row = (
            await session.execute(
                select(product_versions).where(
                    product_versions.c.code == code, product_versions.c.version == version
                )
            )
        ).first()
    if row is None or row.status in ("draft", "submitted"):
        raise Problem(422, f"Product {code} version {version} cannot be rated")
    return _RATABLE.keep(key, (stored_definition(row), row.definition["insurer"]))


async def on_rate_request(runtime: Runtime, data: bytes) -> bytes:
    body: dict[str, Any] = json.loads(data)
    definition, insurer = await ratable_version(
        runtime, body["tenant"], body["code"], body["version"]
    )
    result = rate_answers(
        definition,
        body["risk"],
        list(body["coverages"]),
        date.fromisoformat(body["rating_date"]),
        body["frequency"],
    )
    return json.dumps(rate_reply(definition, insurer, result)).encode()


def rate_reply(definition: ProductDefinition, insurer: Any, result: QuoteResult) -> dict[str, Any]:
    """The `ok` reply (contracts/requests/product.rate.reply.schema.json) for a rated state."""
    coverages = {c.code: c for c in definition.coverages}
    premium = result.premium
    lines = [
        {
            "coverage": line.code,
            "name": coverages[line.code].name,
            "instalment_net": str(line.instalment_net),
            "tax_rate": str(coverages[line.code].tax_rate),
            "causes": list(coverages[line.code].causes),
        }
        for line in (premium.coverages if premium else [])
    ]
    return {
        "ok": True,
        "decision": result.decision,
        "reasons": result.reasons,
        "insurer": insurer,
        "product_name": definition.name,
        "commission_rate": str(definition.commission),
        "lines": lines,
        "premium": {k: v for k, v in premium.to_dict().items() if k != "coverages"}
        if premium
        else None,
    }
