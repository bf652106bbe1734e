"""A product's risk questions as JSON Schema, and the check of a quote's answers against them.

Intermediaries build their forms from the schema; `validate_answers` is the authority (it also
takes numeric strings for number questions, which the schema, written for forms, does not show).
"""

from decimal import Decimal
from typing import Any

from product_service.definition import Answer, InputError, ProductDefinition, Question


class AnswerError(InputError):
    """The risk answers are invalid; one error per question, field `risk.<key>`."""


def risk_json_schema(defn: ProductDefinition) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the risk object for `defn`."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": defn.name,
        "type": "object",
        "properties": {q.key: _property(q) for q in defn.questions},
        "required": [q.key for q in defn.questions if q.required and q.default is None],
        "additionalProperties": False,
    }


def _property(q: Question) -> dict[str, Any]:
    prop: dict[str, Any] = {"title": q.label}
    if q.type == "date":
        prop |= {"type": "string", "format": "date"}
    elif q.type == "number":
        prop["type"] = "number"
        if q.minimum is not None:
            prop["minimum"] = _json_number(q.minimum)
        if q.maximum is not None:
            prop["maximum"] = _json_number(q.maximum)
    elif q.type == "choice":
        prop |= {"type": "string", "enum": list(q.options or [])}
    elif q.type == "boolean":
        prop["type"] = "boolean"
    else:
        prop["type"] = "string"
        if q.pattern is not None:
            prop["pattern"] = q.pattern
    if q.default is not None:
        prop["default"] = _json_value(q.default)
    return prop


def _json_number(value: Decimal) -> int | float:
    """Schema bounds are JSON numbers; they are limits for a form, not money."""
    return int(value) if value == value.to_integral_value() else float(value)


def _json_value(value: Answer) -> Any:
    if isinstance(value, Decimal):
        return _json_number(value)
    if isinstance(value, bool | str):
        return value
    return value.isoformat()


def validate_answers(defn: ProductDefinition, answers: Any) -> dict[str, Answer]:
    """Normalised answers (defaults applied; an unanswered optional question is left out), or
    AnswerError naming every wrong answer. A JSON null counts as not answered."""
    if not isinstance(answers, dict):
        raise AnswerError([{"field": "risk", "message": "must be an object of answers"}])
    errors: list[dict[str, str]] = []
    result: dict[str, Answer] = {}
    for q in defn.questions:
        value = answers.get(q.key)
        if value is None:
            if q.default is not None:
                result[q.key] = q.default
            elif q.required:
                errors.append({"field": f"risk.{q.key}", "message": "is required"})
            continue
        try:
            result[q.key] = q.coerce(value)
        except ValueError as e:
            errors.append({"field": f"risk.{q.key}", "message": str(e)})
    known = ", ".join(q.key for q in defn.questions)
    for key in answers:
        if defn.question(str(key)) is None:
            message = f"unknown question; this product asks {known}"
            errors.append({"field": f"risk.{key}", "message": message})
    if errors:
        raise AnswerError(errors)
    return result
