"""contracts/ says what the code does: the committed OpenAPI documents equal the generated ones,
every event has a valid JSON Schema, and the AsyncAPI document lists every event."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from devstack.contracts import OPENAPI_DIR, generate, render
from devstack.ports import SERVICE_NAMES

CONTRACTS = Path(__file__).parents[2] / "contracts"


@pytest.mark.parametrize("service", SERVICE_NAMES)
def test_committed_openapi_matches_the_code(service: str) -> None:
    committed = (OPENAPI_DIR / f"{service}.json").read_text()
    assert committed == render(generate(service)), (
        f"contracts/openapi/{service}.json is stale: run `make contracts` and commit it"
    )


def test_event_schemas_are_valid() -> None:
    schemas = sorted((CONTRACTS / "events").glob("*.schema.json"))
    assert schemas
    for path in schemas:
        schema = json.loads(path.read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["title"] == path.name.removesuffix(".schema.json")


def test_asyncapi_lists_every_event() -> None:
    document = yaml.safe_load((CONTRACTS / "asyncapi.yaml").read_text())
    assert document["asyncapi"].startswith("3.")
    listed = {m["name"] for m in document["components"]["messages"].values()}
    files = {p.name.removesuffix(".schema.json") for p in (CONTRACTS / "events").glob("*.json")}
    assert listed == files
    for channel in document["channels"].values():
        assert channel["address"].startswith("events.")
