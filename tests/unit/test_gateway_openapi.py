"""The gateway's one OpenAPI document says of every operation what its service's own document
says, also where two services name a schema alike (the claim file's `RelationOut` is not the
policy service's)."""

import json
from pathlib import Path
from typing import Any

from backoffice_gateway.openapi import REF, aggregate

OPENAPI_DIR = Path(__file__).resolve().parents[2] / "contracts" / "openapi"


def _resolved(value: Any, schemas: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """`value` with every `$ref` replaced by what it names (a recursive one left as its name)."""
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF):
            name = ref.removeprefix(REF)
            if name in seen:
                return {"recursive": name.split("__")[-1]}
            return _resolved(schemas[name], schemas, (*seen, name))
        return {k: _resolved(v, schemas, seen) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolved(v, schemas, seen) for v in value]
    return value


def test_every_operation_keeps_its_services_schemas() -> None:
    whole = aggregate(OPENAPI_DIR)
    compared = 0
    for document in sorted(OPENAPI_DIR.glob("*.json")):
        spec = json.loads(document.read_text())
        own = spec["components"]["schemas"]
        for path, operations in spec["paths"].items():
            expected = _resolved(operations, own)
            assert _resolved(whole["paths"][path], whole["components"]["schemas"]) == expected
            compared += 1
    assert compared > 90


def test_alike_names_of_different_schemas_are_kept_apart(tmp_path: Path) -> None:
    def document(name: str, relation: dict[str, Any]) -> dict[str, Any]:
        answer = {"content": {"application/json": {"schema": {"$ref": f"{REF}Page"}}}}
        return {
            "info": {"description": name},
            "paths": {f"/api/{name}": {"get": {"responses": {"200": answer}}}},
            "components": {
                "schemas": {
                    "Page": {"properties": {"items": {"$ref": f"{REF}Relation"}}},
                    "Relation": relation,
                    "Shared": {"type": "string"},
                }
            },
        }

    claims = document("claims", {"properties": {"iban": {"type": "string"}}})
    policy = document("policy", {"properties": {"roles": {"type": "array"}}})
    for name, spec in (("claims", claims), ("policy", policy)):
        (tmp_path / f"{name}.json").write_text(json.dumps(spec))
    whole = aggregate(tmp_path)
    schemas = whole["components"]["schemas"]
    assert sorted(schemas) == ["Page", "Relation", "Shared", "policy__Page", "policy__Relation"]
    for name, spec in (("claims", claims), ("policy", policy)):
        path = f"/api/{name}"
        assert _resolved(whole["paths"][path], schemas) == _resolved(
            spec["paths"][path], spec["components"]["schemas"]
        )
