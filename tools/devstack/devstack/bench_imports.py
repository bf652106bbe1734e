"""A large conversion package for `make bench`: 100,000 relations, 100,000 policies on the demo
product and 1,000,000 open debtor items, with opening balances that agree, written as a stream
into a ZIP file, handed in through the gateway and dry-run; how long each took, and the peak
memory of the dry run's process (it must not grow with the package)."""

import csv
import io
import json
import threading
import time
import uuid
import zipfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import psutil

from devstack.demo import password_token, seed
from devstack.stack import Stack

RELATIONS, POLICIES, ITEMS = 100_000, 100_000, 1_000_000
PREMIUM, ITEM = Decimal("96.00"), Decimal("12.34")


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
    born = date(1940, 1, 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _csv(
            archive,
            "relations.csv",
            ["ref", "name", "date_of_birth", "street", "house_number", "postcode", "city", "roles"],
            (
                (
                    f"R{i}",
                    f"Relatie {i}",
                    (born + timedelta(days=i % 20_000)).isoformat(),
                    "Damrak",
                    1 + i % 200,
                    f"{1000 + i % 9000} AB",
                    "Amsterdam",
                    "policyholder",
                )
                for i in range(relations)
            ),
        )
        risk = {"birth_date": "1970-01-01", "postcode": "1012 LG", "sum_insured": 40000}
        with archive.open("policies.jsonl", "w", force_zip64=True) as out:
            for i in range(policies):
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
                out.write(json.dumps(row).encode() + b"\n")
        _csv(
            archive,
            "debtor_items.csv",
            ["document", "relation_ref", "due_date", "amount"],
            ((f"D{n}", f"R{n % relations}", "2026-12-01", str(ITEM)) for n in range(items)),
        )
        owed = ITEM * items
        _csv(
            archive,
            "opening_balances.csv",
            ["account", "debit", "credit"],
            [("1300", owed, "0.00"), ("0900", "0.00", owed)],
        )
        manifest = {
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
        archive.writestr("manifest.json", json.dumps(manifest))
    return path.stat().st_size


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
    token = password_token(stack.keycloak.url, "operator", "operator")
    headers = {"Authorization": f"Bearer {token}", "X-Tenant": tenant}
    memory = PeakMemory()
    with httpx.Client(base_url=stack.gateway_url, timeout=600) as gateway, path.open("rb") as body:
        started = time.monotonic()
        answer = gateway.post(
            "/api/imports", content=body, headers=headers | {"Content-Type": "application/zip"}
        )
        answer.raise_for_status()
        uploaded = time.monotonic() - started
        import_id = answer.json()["id"]
        while True:
            report = gateway.get(f"/api/imports/{import_id}", headers=headers).json()
            if report["status"] != "checking":
                break
            time.sleep(1)
        checked = time.monotonic() - started
    peak = memory.stop()
    rows = relations + policies + items + 2
    return (
        f"import dry run: {relations:,} relations, {policies:,} policies, {items:,} open items"
        f" ({size / 2**20:.0f} MiB packed, written in {written:.0f} s): handed in through the"
        f" gateway in {uploaded:.1f} s, checked in {checked:.0f} s ({rows / checked:,.0f} rows/s),"
        f" status {report['status']} with {report['error_count']} errors; peak memory of the"
        f" dry run's process {peak:.0f} MiB"
    )
