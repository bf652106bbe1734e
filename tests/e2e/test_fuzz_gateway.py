"""Schemathesis over the gateway's whole OpenAPI document, every operation: examples at every
boundary of each parameter and body field (its coverage phase) and random ones (fuzzing), good
and bad, sent by a tenant's login that holds every right (and administers the tenant), and to
`/public/v1` by the tenant's API client. No answer may be a server error, and every answer the
document describes must match its schema. The seed is fixed, so a failure is found again;
FUZZ_SEED names another, to look further."""

import base64
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from devstack.stack import Stack
from tests.support.api import Api
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.products import api_client
from tests.support.tenants import create_login

SEED = int(os.environ.get("FUZZ_SEED", "20261128"))
EXAMPLES = 10  # per operation and phase
CATALOGUE = Path(__file__).resolve().parents[2] / "contracts" / "catalogue.json"


def _every_right() -> dict[str, list[object]]:
    catalogue = json.loads(CATALOGUE.read_text())
    return {
        "protocols": [p["name"] for p in catalogue["protocols"]],
        "rights": [
            {"module": m["name"], "action": a} for m in catalogue["modules"] for a in m["actions"]
        ],
    }


def _schemathesis(
    stack: Stack, paths: str, token: str, report: Path
) -> tuple[subprocess.CompletedProcess[str], dict[str, object]]:
    st = Path(sys.executable).parent / "st"
    run = subprocess.run(
        [
            str(st),
            "run",
            f"{stack.gateway_url}/openapi.json",
            "--url",
            stack.gateway_url,
            "--include-path-regex",
            paths,
            "--header",
            f"Authorization: Bearer {token}",
            "--checks",
            "not_a_server_error,response_schema_conformance",
            "--phases",
            "coverage,fuzzing",
            "--max-examples",
            str(EXAMPLES),
            "--seed",
            str(SEED),
            # One worker: the tool's threads share generation state, and a race between two
            # of them once failed a run with an error of the tool's own.
            "--workers",
            "1",
            "--no-shrink",
            "--generation-database",
            "none",
            "--request-timeout",
            "30",
            "--no-color",
            "--report",
            "ndjson",
            "--report-ndjson-path",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return run, _tally(report)


def _tally(report: Path) -> dict[str, object]:
    """Requests sent, the status codes answered and the tool's own errors (each with the
    operation and phase it met them in), from the run's event stream."""
    statuses: dict[int, int] = {}
    errors: list[str] = []
    failures: list[str] = []
    for line in report.read_text().splitlines():
        event = json.loads(line)
        if error := event.get("NonFatalError"):
            value = error.get("value") or {}
            errors.append(
                f"{error.get('label')} ({error.get('phase')}): {value.get('type')}: "
                f"{str(value.get('message'))[:600]}"
            )
        finished = event.get("ScenarioFinished")
        if not finished:
            continue
        recorder = finished["recorder"]
        for case_id, interaction in recorder.get("interactions", {}).items():
            if response := interaction.get("response"):
                status = int(response["status_code"])
                statuses[status] = statuses.get(status, 0) + 1
            failed = [
                c["name"] for c in recorder["checks"].get(case_id, []) if c["status"] == "failure"
            ]
            if failed:
                failures.append(_described(failed, recorder["cases"][case_id], interaction))
    return {
        "requests": sum(statuses.values()),
        "statuses": statuses,
        "errors": errors,
        "failures": failures,
    }


def _described(checks: list[str], case: dict[str, Any], interaction: dict[str, Any]) -> str:
    """A failed case as a developer would send it again: the request the tool sent (its
    generated parts) and the answer it got."""
    value = case.get("value", {})
    request = interaction["request"]
    sent = {k: value.get(k) for k in ("path_parameters", "query", "body") if value.get(k)}
    response = interaction.get("response") or {}
    content = response.get("content") or {}
    answer = base64.b64decode(content["$base64"]) if "$base64" in content else b""
    return (
        f"{checks}: {request['method']} {request['uri']} {json.dumps(sent, default=str)[:600]}"
        f" -> {response.get('status_code')} {answer[:600]!r}"
    )


def _log_sizes(stack: Stack) -> dict[Path, int]:
    return {log: log.stat().st_size for log in stack.log_dir.glob("*.log")}


def _tracebacks_since(sizes: dict[Path, int]) -> list[str]:
    """The services' tracebacks and errors logged (as JSON lines) since `sizes` were taken."""
    found = []
    for log, size in sizes.items():
        with log.open("rb") as f:
            f.seek(size)
            written = f.read().decode(errors="replace")
        at = written.find("Traceback")
        if at < 0:
            at = written.find('"level": "error"')
        if at >= 0:
            found.append(f"{log.name}: {written[max(0, at - 400) : at + 3000]}")
    return found


def test_no_input_gets_a_server_error_or_an_answer_off_its_schema(
    stack: Stack,
    gateway: httpx.Client,
    keycloak: KeycloakTestAdmin,
    operator: Api,
    tenant: str,
    tmp_path: Path,
) -> None:
    by = operator.headers(tenant)
    owner = create_login(gateway, keycloak, by, tenant, _every_right())
    appointed = gateway.post(
        f"/api/identity/tenants/{tenant}/administrators",
        json={"user_id": owner.user_id},
        headers=by,
    )
    assert appointed.status_code == 201, appointed.text
    staff_token = keycloak.token(owner.login)  # with the tenant-admin role now
    broker = api_client(
        stack, gateway, by, tenant, name="fuzzing broker", channel="intermediary", relation_id="r-1"
    )
    client_token = broker["Authorization"].removeprefix("Bearer ")

    started = time.monotonic()
    figures = []
    for name, paths, token in (
        ("staff", "^/api/", staff_token),
        ("API client", "^/public/", client_token),
    ):
        sizes = _log_sizes(stack)
        run, tally = _schemathesis(stack, paths, token, tmp_path / f"{name}.ndjson")
        summary = run.stdout[run.stdout.rfind("SUMMARY") :]
        # What failed first, then the services' tracebacks and the tool's errors, then its
        # summary: the tool's own report of a failure is long, and a report is cut short.
        assert run.returncode == 0, (
            f"{name}: failed {tally['failures'][:5]}\nlogged {_tracebacks_since(sizes)[:3]}\n"
            f"errors: {tally['errors'][:5]}\n{run.stderr[-2000:]}\n{summary}"
        )
        statuses = tally["statuses"]
        assert isinstance(statuses, dict)
        assert not [s for s in statuses if s >= 500], (name, statuses, summary)
        # The login held all along: the few 401s are the cases sent without it on purpose.
        assert statuses.get(401, 0) < 0.05 * int(str(tally["requests"])), (name, statuses)
        me = "/api/identity/me" if name == "staff" else "/public/v1/client"
        still = gateway.get(me, headers={"Authorization": f"Bearer {token}"})
        assert still.status_code == 200, still.text
        figures.append(f"{name}: {tally['requests']} requests, {dict(sorted(statuses.items()))}")
    print(f"schemathesis: {'; '.join(figures)} in {time.monotonic() - started:.0f}s")
