"""Answers `product.rate` (servicekit.request_reply, contracts/requests/): rating on a stored
product version for the policy service, which re-rates a policy on the version it was made on
when it is mutated. A Problem raised here goes back to the policy service as the refusal."""

import json
from datetime import date
from typing import Any

from sqlalchemy import select

from product_service.definition import ProductDefinition, stored_definition
from product_service.quotes import rate_answers
from product_service.rating import QuoteResult
from product_service.tables import product_versions
from servicekit.app import Runtime
from servicekit.problems import Problem


async def on_rate_request(runtime: Runtime, data: bytes) -> bytes:
    body: dict[str, Any] = json.loads(data)
    async with runtime.db.tenant_transaction(body["tenant"]) as session:
        row = (
            await session.execute(
                select(product_versions).where(
                    product_versions.c.code == body["code"],
                    product_versions.c.version == body["version"],
                )
            )
        ).first()
    if row is None or row.status in ("draft", "submitted"):
        raise Problem(422, f"Product {body['code']} version {body['version']} cannot be rated")
    definition = stored_definition(row)
    result = rate_answers(
        definition,
        body["risk"],
        list(body["coverages"]),
        date.fromisoformat(body["rating_date"]),
        body["frequency"],
    )
    return json.dumps(rate_reply(definition, row.definition["insurer"], result)).encode()


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
