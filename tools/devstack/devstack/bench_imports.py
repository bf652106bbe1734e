"""A large conversion package for `make bench`: 100,000 relations, 100,000 policies on the demo
product and 1,000,000 open debtor items, with opening balances that agree, written as a stream
into a ZIP file, handed in through the gateway, dry-run and loaded; how long each took, and the
peak memory of the import's job processes (it must not grow with the package)."""

import csv
import io
import json
import threading
import time
import uuid
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import psutil

from devstack.demo import password_token, seed
from devstack.stack import Stack

RELATIONS, POLICIES, ITEMS = 100_000, 100_000, 1_000_000
# PREMIUM: what the demo product rates each of these policies a year, so the load proves it.
PREMIUM, ITEM = Decimal("65.34"), Decimal("12.34")


def _csv(archive: zipfile.ZipFile, name: str, header: list[str], rows: object) -> None:
    with archive.open(name, "w", force_zip64=True) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = csv.writer(text)
        writer.writerow(header)
        writer.writerows(rows)  # type: ignore[arg-type]
        text.flush()
        text.detach()


def write_package(path: Path, relations: int, policies: int, items: int) -> int:
    """The package at `path`, never whole in memory; its size in bytes."""
    owed = ITEM * items
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _csv(archive, "relations.csv", RELATION_COLUMNS, _relations(relations))
        with archive.open("policies.jsonl", "w", force_zip64=True) as out:
            for line in _policies(policies, relations):
                out.write(line)
        items_of = ((f"D{n}", f"R{n % relations}", "2026-12-01", str(ITEM)) for n in range(items))
        _csv(
            archive,
            "debtor_items.csv",
            ["document", "relation_ref", "due_date", "amount"],
            items_of,
        )
        balances = [("1300", owed, "0.00"), ("0900", "0.00", owed)]
        _csv(archive, "opening_balances.csv", ["account", "debit", "credit"], balances)
        archive.writestr("manifest.json", json.dumps(_manifest(relations, policies, items)))
    return path.stat().st_size


RELATION_COLUMNS = [
    "ref",
    "name",
    "date_of_birth",
    "street",
    "house_number",
    "postcode",
    "city",
    "roles",
]


def _relations(count: int) -> Iterator[tuple[object, ...]]:
    born = date(1940, 1, 1)
    for i in range(count):
        birth = (born + timedelta(days=i % 20_000)).isoformat()
        yield (
            f"R{i}",
            f"Relatie {i}",
            birth,
            "Damrak",
            1 + i % 200,
            f"{1000 + i % 9000} AB",
            "Amsterdam",
            "policyholder",
        )


def _policies(count: int, relations: int) -> Iterator[bytes]:
    risk = {"birth_date": "1970-01-01", "postcode": "1012 LG", "sum_insured": 40000}
    for i in range(count):
        row = {
            "ref": f"P{i}",
            "holder_ref": f"R{i % relations}",
            "product_code": "HOME",
            "product_version": 1,
            "start_date": "2024-01-01",
            "frequency": "annual",
            "coverages": ["BASIC"],
            "risk": risk | {"household": "single"},
            "annual_premium": str(PREMIUM),
            "invoiced_until": "2027-01-01",
        }
        yield json.dumps(row).encode() + b"\n"


def _manifest(relations: int, policies: int, items: int) -> dict[str, object]:
    owed = ITEM * items
    return {
        "format": "backoffice-conversion/1",
        "source_system": "bench",
        "cut_off": "2026-12-31",
        "files": {
            "relations": {"file": "relations.csv", "rows": relations},
            "policies": {
                "file": "policies.jsonl",
                "rows": policies,
                "totals": {"annual_premium": str(PREMIUM * policies)},
            },
            "debtor_items": {
                "file": "debtor_items.csv",
                "rows": items,
                "totals": {"amount": str(owed)},
            },
            "opening_balances": {
                "file": "opening_balances.csv",
                "rows": 2,
                "balances": {"1300": str(owed), "0900": str(-owed)},
            },
        },
    }


class PeakMemory:
    """The largest resident memory of the dry run's worker process, sampled twice a second."""

    def __init__(self) -> None:
        self.peak = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        while not self.stopped.wait(0.5):
            for process in psutil.process_iter(["cmdline", "memory_info"]):
                if "servicekit.job_worker" in " ".join(process.info["cmdline"] or ()):
                    self.peak = max(self.peak, process.info["memory_info"].rss)

    def stop(self) -> float:
        self.stopped.set()
        self.thread.join()
        return self.peak / 2**20


def measure(
    stack: Stack, relations: int = RELATIONS, policies: int = POLICIES, items: int = ITEMS
) -> str:
    tenant = f"bench-{uuid.uuid4().hex[:8]}"
    demo = stack.data_dir / "demo-imports.json"
    seed(stack.gateway_url, stack.keycloak.url, ("operator", "operator"), demo, tenant=tenant)
    path = stack.data_dir / "package.zip"
    started = time.monotonic()
    size = write_package(path, relations, policies, items)
    written = time.monotonic() - started
    headers = Headers(stack.keycloak.url, tenant)
    memory = PeakMemory()
    with httpx.Client(base_url=stack.gateway_url, timeout=600) as gateway, path.open("rb") as body:
        started = time.monotonic()
        answer = gateway.post(
            "/api/imports", content=body, headers=headers() | {"Content-Type": "application/zip"}
        )
        answer.raise_for_status()
        uploaded = time.monotonic() - started
        import_id = answer.json()["id"]
        report = _wait(gateway, headers, import_id, "checking")
        checked = time.monotonic() - started
        started = time.monotonic()
        gateway.post(f"/api/imports/{import_id}/commit", headers=headers()).raise_for_status()
        loaded_report = _wait(gateway, headers, import_id, "loading")
        loaded = time.monotonic() - started
    peak = memory.stop()
    rows = relations + policies + items + 2
    return (
        f"import dry run: {relations:,} relations, {policies:,} policies, {items:,} open items"
        f" ({size / 2**20:.0f} MiB packed, written in {written:.0f} s): handed in through the"
        f" gateway in {uploaded:.1f} s, checked in {checked:.0f} s ({rows / checked:,.0f} rows/s),"
        f" status {report['status']} with {report['error_count']} errors; loaded in"
        f" {loaded:.0f} s ({rows / loaded:,.0f} rows/s), status {loaded_report['status']},"
        f" differences {loaded_report['differences'] or 'none'}; peak memory of the import's"
        f" job processes {peak:.0f} MiB"
    )


class Headers:
    """The operator's headers, with a new token once the last one expired (a full-size load takes
    longer than a token lives)."""

    def __init__(self, keycloak_url: str, tenant: str) -> None:
        self.keycloak_url, self.tenant = keycloak_url, tenant
        self.renew()

    def renew(self) -> None:
        self.token = password_token(self.keycloak_url, "operator", "operator")

    def __call__(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "X-Tenant": self.tenant}


def _wait(gateway: httpx.Client, headers: Headers, import_id: str, while_: str) -> Any:
    while True:
        answer = gateway.get(f"/api/imports/{import_id}", headers=headers())
        if answer.status_code == 401:
            headers.renew()
            continue
        answer.raise_for_status()
        report = answer.json()
        if report["status"] != while_:
            return report
        time.sleep(1)
