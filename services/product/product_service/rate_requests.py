"""Answers `product.rate` (see servicekit.requests): rating on a stored product version for the
policy service, which re-rates a policy on the version it was made on when it is mutated."""

import json
from datetime import date
from typing import Any

from sqlalchemy import select

from product_service.definition import parse_definition
from product_service.rating import QuoteError, quote
from product_service.risk_schema import AnswerError, validate_answers
from product_service.tables import product_versions
from servicekit.app import Runtime


def _refused(status: int, detail: str, errors: list[dict[str, str]] | None = None) -> bytes:
    return json.dumps({"ok": False, "status": status, "detail": detail, "errors": errors}).encode()


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
        return _refused(422, f"Product {body['code']} version {body['version']} cannot be rated")
    definition = parse_definition(row.definition)
    try:
        answers = validate_answers(definition, body["risk"])
        result = quote(
            definition,
            answers,
            list(body["coverages"]),
            date.fromisoformat(body["rating_date"]),
            body["frequency"],
        )
    except (AnswerError, QuoteError) as exc:
        return _refused(422, "The answers cannot be rated", exc.errors)
    tax_rates = {c.code: c.tax_rate for c in definition.coverages}
    premium = result.premium
    lines = [
        {
            "coverage": line.code,
            "instalment_net": str(line.instalment_net),
            "tax_rate": str(tax_rates[line.code]),
        }
        for line in (premium.coverages if premium else [])
    ]
    return json.dumps(
        {
            "ok": True,
            "decision": result.decision,
            "reasons": result.reasons,
            "insurer": row.definition["insurer"],
            "commission_rate": str(definition.commission),
            "lines": lines,
            "premium": {k: v for k, v in premium.to_dict().items() if k != "coverages"}
            if premium
            else None,
        }
    ).encode()
