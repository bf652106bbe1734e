"""Writes each service's OpenAPI document into contracts/openapi/ (`make contracts`).

The gateway builds its route table from these committed documents, and a test fails when a
document differs from what the code generates, so the two cannot drift apart."""

import importlib
import json
import os
from pathlib import Path
from typing import Any

from devstack.ports import SERVICE_NAMES

REPO = Path(__file__).resolve().parents[3]
OPENAPI_DIR = REPO / "contracts" / "openapi"


def service_app(service: str) -> Any:
    """The service's FastAPI app, imported without starting it."""
    # Importing an app needs settings; none of them is used before it starts. They are set
    # only for the import, so that nothing started later in this process inherits them.
    placeholders = {
        "DATABASE_URL": "postgresql+asyncpg://unused@127.0.0.1/unused",
        "CONTEXT_TOKEN_PUBLIC_KEY": "unused",
    }
    saved = {name: os.environ.get(name) for name in placeholders}
    os.environ.update({k: v for k, v in placeholders.items() if saved[k] is None})
    try:
        module = importlib.import_module(f"{service}_service.main")
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
    return module.app


def generate(service: str) -> dict[str, Any]:
    document: dict[str, Any] = service_app(service).openapi()
    return document


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def write_all() -> list[Path]:
    OPENAPI_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for service in SERVICE_NAMES:
        path = OPENAPI_DIR / f"{service}.json"
        path.write_text(render(generate(service)))
        written.append(path)
    return written
