"""The dry run: a background job (`servicekit.jobs`, in a process of its own) that reads the
uploaded package row by row, stages the valid rows, and records every error with its file, line
and field. It writes nothing to the business data: the rows wait in this service until the
import is committed. Steps: the package out of the database into a temporary file; each kind's
file streamed, checked row by row and staged in batches; the checks between rows (SQL over the
staged rows); the checks the owning services make (request/reply); the manifest's counts and
totals. Running it again (a crash, or after the tenant changed what it refers to) starts over."""

import logging
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from imports_service.conversion import KINDS, Kind, Manifest, RelationRow, RowError, row_problems
from imports_service.cross_checks import findings
from imports_service.lookups import (
    claims_findings,
    ledger_findings,
    product_findings,
    relation_findings,
)
from imports_service.package import PackageError, open_package, rows_of
from imports_service.report import Tally, manifest_errors
from imports_service.tables import import_errors, import_package_parts, import_rows, imports
from servicekit import messaging
from servicekit.db import Database
from servicekit.jobs import Job, Progress

log = logging.getLogger(__name__)

KIND = "dry-run"
STAGE_BATCH = 1000
MAX_STORED_ERRORS = 100_000  # all are counted; the first this many are listed


class ErrorLog:
    """The import's errors, stored in order (up to MAX_STORED_ERRORS) and all counted."""

    def __init__(self, db: Database, tenant: str, import_id: str) -> None:
        self.db, self.tenant, self.import_id = db, tenant, import_id
        self.count = 0
        self.waiting: list[dict[str, Any]] = []

    async def add(self, errors: Iterable[RowError]) -> None:
        for error in errors:
            self.count += 1
            if self.count <= MAX_STORED_ERRORS:
                self.waiting.append(
                    {
                        "tenant_id": self.tenant,
                        "import_id": self.import_id,
                        "seq": self.count,
                        "file": error.file,
                        "line": error.line,
                        "field": error.field,
                        "message": error.message[:500],
                    }
                )
        if len(self.waiting) >= STAGE_BATCH:
            await self.flush()

    async def flush(self) -> None:
        if self.waiting:
            async with self.db.tenant_transaction(self.tenant) as session:
                await session.execute(insert(import_errors), self.waiting)
            self.waiting = []


async def run_dry_run(db: Database, job: Job, progress: Progress) -> dict[str, Any]:
    tenant, import_id = job.tenant, str(job.params["import_id"])
    try:
        return await _dry_run(db, tenant, import_id, progress)
    except Exception as exc:  # the import says why; the job fails as well
        async with db.tenant_transaction(tenant) as session:
            await session.execute(
                update(imports)
                .where(imports.c.id == import_id)
                .values(status="failed", failure=str(exc)[:500] or type(exc).__name__)
            )
        raise


async def _dry_run(db: Database, tenant: str, import_id: str, progress: Progress) -> dict[str, Any]:
    clock = _Clock(import_id)
    async with db.tenant_transaction(tenant) as session:
        for table in (import_rows, import_errors):
            await session.execute(delete(table).where(table.c.import_id == import_id))
    errors = ErrorLog(db, tenant, import_id)
    with tempfile.TemporaryDirectory(prefix="import-") as folder:
        path = Path(folder) / "package.zip"
        await _unload_package(db, tenant, import_id, path)
        try:
            package, manifest = open_package(path)
        except PackageError as unreadable:
            await errors.add(unreadable.errors)
            await errors.flush()
            return await _conclude(db, tenant, import_id, None, {}, errors.count)
        with package:
            await _note_manifest(db, tenant, import_id, manifest)
            total = sum(entry.rows for entry in manifest.files.values())
            tallies: dict[Kind, Tally] = {}
            done = 0
            for kind in KINDS:
                entry = manifest.files.get(kind)
                if entry is None:
                    continue
                tallies[kind] = tally = Tally()
                batch: list[dict[str, Any]] = []
                for parsed in rows_of(package, kind, entry):
                    tally.add(kind, parsed.row)
                    await errors.add(parsed.errors)
                    if parsed.row is not None:
                        problems = row_problems(parsed.row, manifest.cut_off)
                        await errors.add(
                            RowError(entry.file, parsed.line, f, m) for f, m in problems
                        )
                        batch.append(_staged(tenant, import_id, kind, parsed.line, parsed.row))
                    if len(batch) >= STAGE_BATCH:
                        await _stage(db, tenant, batch)
                        done += len(batch)
                        batch = []
                        await progress(done, max(total, done))
                await _stage(db, tenant, batch)
                done += len(batch)
                clock.lap(f"{kind} read and staged")
    files = {kind: entry.file for kind, entry in manifest.files.items()}
    async with db.tenant_transaction(tenant) as session:
        async for finding in findings(session, import_id, files):
            await errors.add([finding])
    clock.lap("checks between rows")
    control = await _service_checks(db, tenant, import_id, manifest, files, errors)
    clock.lap("the services' checks")
    await errors.add(manifest_errors(manifest, tallies, control))
    await errors.flush()
    return await _conclude(db, tenant, import_id, manifest, tallies, errors.count)


class _Clock:
    """Logs how long each step of a dry run took: where the time of a large package goes."""

    def __init__(self, import_id: str) -> None:
        self.import_id = import_id
        self.last = time.monotonic()

    def lap(self, step: str) -> None:
        now = time.monotonic()
        log.info("import %s: %s in %.1f s", self.import_id, step, now - self.last)
        self.last = now


def _staged(tenant: str, import_id: str, kind: str, line: int, row: Any) -> dict[str, Any]:
    return {
        "tenant_id": tenant,
        "import_id": import_id,
        "kind": kind,
        "line": line,
        "key": row.key,
        "identity": row.identity() if isinstance(row, RelationRow) else None,
        "data": row.model_dump(mode="json"),
    }


async def _stage(db: Database, tenant: str, batch: list[dict[str, Any]]) -> None:
    if batch:
        async with db.tenant_transaction(tenant) as session:
            await session.execute(insert(import_rows), batch)


async def _unload_package(db: Database, tenant: str, import_id: str, path: Path) -> None:
    """The stored package into `path`, a part at a time."""
    async with db.tenant_transaction(tenant) as session:
        parts = (
            await session.execute(
                select(func.count()).where(import_package_parts.c.import_id == import_id)
            )
        ).scalar_one()
    with path.open("wb") as out:
        for part in range(parts):
            async with db.tenant_transaction(tenant) as session:
                data = (
                    await session.execute(
                        select(import_package_parts.c.data).where(
                            import_package_parts.c.import_id == import_id,
                            import_package_parts.c.part == part,
                        )
                    )
                ).scalar_one()
            out.write(data)


async def _note_manifest(db: Database, tenant: str, import_id: str, manifest: Manifest) -> None:
    async with db.tenant_transaction(tenant) as session:
        await session.execute(
            update(imports)
            .where(imports.c.id == import_id)
            .values(
                source_system=manifest.source_system,
                cut_off=manifest.cut_off,
                manifest=manifest.model_dump(mode="json"),
            )
        )


async def _service_checks(
    db: Database,
    tenant: str,
    import_id: str,
    manifest: Manifest,
    files: dict[Kind, str],
    errors: ErrorLog,
) -> dict[str, str]:
    """The owning services' checks; the ledger's control accounts (for the manifest's check)."""
    from imports_service.settings import settings  # the service's own, in the job's process

    nc = await messaging.connect(
        settings.nats_url, "imports-dry-run", ca_file=settings.nats_ca_file
    )
    try:
        if "relations" in files:
            async for error in relation_findings(nc, db, tenant, import_id, files["relations"]):
                await errors.add([error])
        if "policies" in files:
            async for error in product_findings(nc, db, tenant, import_id, files["policies"]):
                await errors.add([error])
        if "claims" in files:
            await errors.add(
                await claims_findings(
                    nc, lambda: db.tenant_transaction(tenant), tenant, import_id, files["claims"]
                )
            )
        name = files.get("opening_balances", "manifest.json")
        found, control = await ledger_findings(
            nc,
            lambda: db.tenant_transaction(tenant),
            tenant,
            import_id,
            name,
            manifest.cut_off.isoformat(),
        )
        await errors.add(found)
        return control
    finally:
        await nc.close()


async def _conclude(
    db: Database,
    tenant: str,
    import_id: str,
    manifest: Manifest | None,
    tallies: dict[Kind, Tally],
    error_count: int,
) -> dict[str, Any]:
    report = {
        "kinds": {
            kind: {
                "file": manifest.files[kind].file,
                "manifest": {
                    "rows": manifest.files[kind].rows,
                    "totals": {n: str(a) for n, a in sorted(manifest.files[kind].totals.items())},
                },
                "package": tallies[kind].as_json(),
            }
            for kind in KINDS
            if manifest is not None and kind in tallies
        }
    }
    status = "checked" if error_count == 0 else "rejected"
    async with db.tenant_transaction(tenant) as session:
        await session.execute(
            update(imports)
            .where(imports.c.id == import_id)
            .values(
                status=status,
                report=report,
                error_count=error_count,
                failure=None,
                checked_at=func.now(),
            )
        )
    return {"status": status, "errors": error_count}
