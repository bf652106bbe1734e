"""The aggregated OpenAPI document: the committed documents of all services, as one."""

import json
from pathlib import Path
from typing import Any


def aggregate(openapi_dir: Path) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    tags: list[dict[str, str]] = []
    for document in sorted(openapi_dir.glob("*.json")):
        spec = json.loads(document.read_text())
        paths.update(spec.get("paths", {}))
        schemas.update(spec.get("components", {}).get("schemas", {}))
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
