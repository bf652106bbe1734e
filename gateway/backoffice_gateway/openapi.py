"""The aggregated OpenAPI document: the committed documents of all services, as one.

Two services may each name a schema alike (`RelationOut` of the claims service is not the policy
service's): the later one is then renamed `<service>__<name>` in its own paths and schemas, so
every answer still refers to the schema its service declared."""

import json
from pathlib import Path
from typing import Any

REF = "#/components/schemas/"


def aggregate(openapi_dir: Path) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    tags: list[dict[str, str]] = []
    for document in sorted(openapi_dir.glob("*.json")):
        spec = json.loads(document.read_text())
        own = spec.get("components", {}).get("schemas", {})
        renamed: dict[str, str] = {}
        while True:  # a schema that refers to a renamed one differs too: until none is left
            refs = {f"{REF}{old}": f"{REF}{new}" for old, new in renamed.items()}
            clashing = {
                name: f"{document.stem}__{name}"
                for name, schema in own.items()
                if name not in renamed
                and name in schemas
                and schemas[name] != _renamed(schema, refs)
            }
            if not clashing:
                break
            renamed |= clashing
        if renamed:
            spec = _renamed(spec, {f"{REF}{old}": f"{REF}{new}" for old, new in renamed.items()})
            own = {
                renamed.get(name, name): schema
                for name, schema in spec["components"]["schemas"].items()
            }
        paths.update(spec.get("paths", {}))
        schemas.update(own)
        tags.append({"name": document.stem, "description": spec["info"].get("description", "")})
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Insurance back office API",
            "version": "0.1.0",
            "description": (
                "Everything goes through this gateway with a Keycloak bearer token. "
                "Errors are application/problem+json. A platform operator names the tenant "
                "with the X-Tenant header."
            ),
        },
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
        "paths": paths,
    }


def _renamed(value: Any, refs: dict[str, str]) -> Any:
    """`value` with every `$ref` named in `refs` pointing at its new name."""
    if isinstance(value, dict):
        return {
            k: refs.get(v, v) if k == "$ref" and isinstance(v, str) else _renamed(v, refs)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_renamed(v, refs) for v in value]
    return value
