"""The imports API (module `imports`): a package is uploaded, checked in a dry run in the
background, and its report and errors read back. Under support access (an operator with a grant
that covers `imports:create`) every call carries the grant, which the import keeps."""

import hashlib
import uuid
from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from imports_service import dry_run, loading
from imports_service.tables import (
    import_errors,
    import_package_parts,
    imports,
    job_queue,
    jobs,
)
from servicekit.app import Context, TenantSession
from servicekit.context_token import RequestContext
from servicekit.jobs import JobOut, JobStore
from servicekit.numbers import next_number
from servicekit.paging import Page, Paging, page_of
from servicekit.problems import Problem
from servicekit.rows import row_by_id

router = APIRouter(prefix="/api/imports", tags=["imports"])
# The tenant's own administrator reads what was imported into the tenant, right or no right.
READ = {"x-administration": True}
JOBS = JobStore(jobs, job_queue)
MAX_PACKAGE_BYTES = 256 * 1024**2  # packed: a million open items take about a tenth of it
PART_BYTES = 1024**2
ZIP_SIGNATURE = b"PK\x03\x04"
PACKAGE_BODY = {
    "requestBody": {
        "required": True,
        "description": "The conversion package: a ZIP file, manifest.json and a file per kind",
        "content": {
            media: {"schema": {"type": "string", "format": "binary"}}
            for media in ("application/zip", "application/octet-stream")
        },
    }
}


class KindReport(BaseModel):
    """A kind as the manifest states it, as its file holds it, and (once loaded) as the tenant's
    books hold it."""

    file: str
    manifest: dict[str, Any]
    package: dict[str, Any]
    loaded: dict[str, Any] | None = None


class ImportOut(BaseModel):
    id: str
    number: str
    # checking | checked | rejected | failed | loading | loaded | withdrawing | withdrawn |
    # withdrawal_stopped
    status: str
    source_system: str | None
    cut_off: date | None
    package_sha256: str
    package_bytes: int
    error_count: int
    failure: str | None
    kinds: dict[str, KindReport]
    progress: dict[str, Any] | None
    created_by: str
    acting_as: str
    grant_id: str | None
    created_at: datetime
    checked_at: datetime | None
    committed_by: str | None
    committed_at: datetime | None
    loaded_at: datetime | None
    differences: list[str] = Field(
        description="Once loaded: where the books differ from the manifest's counts and totals"
    )
    withdrawn_by: str | None = None
    withdrawn_at: datetime | None = None
    withdrawal: dict[str, Any] | None = Field(
        default=None,
        description="Once asked to withdraw: each service's answer (`withdrawn`, what it undid,"
        " or what blocks it) and what was undone in all",
    )


class ImportFinding(BaseModel):
    seq: int
    file: str
    line: int
    field: str | None
    message: str


async def import_out(session: AsyncSession, row: Any) -> ImportOut:
    progress = None
    if row.job_id is not None and row.status == "checking":
        job = await JOBS.get(session, str(row.job_id), dry_run.KIND)
        progress = {"step": job.kind, "status": job.status, "done": job.done, "total": job.total}
    elif row.status == "loading":
        progress = await loading.progress_of(session, row)
        job = await JOBS.get(session, str(row.job_id), loading.KIND)
        if job.status == "failed":  # the sending stopped: committing again resumes it
            progress |= {"status": "failed", "error": job.error}
    return ImportOut(
        id=str(row.id),
        number=row.number,
        status=row.status,
        source_system=row.source_system,
        cut_off=row.cut_off,
        package_sha256=row.package_sha256,
        package_bytes=row.package_bytes,
        error_count=row.error_count,
        failure=row.failure,
        kinds={k: KindReport(**v) for k, v in ((row.report or {}).get("kinds") or {}).items()},
        progress=progress,
        created_by=row.created_by_name,
        acting_as=row.acting_as,
        grant_id=row.grant_id,
        created_at=row.created_at,
        checked_at=row.checked_at,
        committed_by=row.committed_by,
        committed_at=row.committed_at,
        loaded_at=row.loaded_at,
        differences=(row.report or {}).get("differences", []),
        withdrawn_by=row.withdrawn_by,
        withdrawn_at=row.withdrawn_at,
        withdrawal=(row.report or {}).get("withdrawal"),
    )


@router.post("", status_code=202, response_model=ImportOut, openapi_extra=PACKAGE_BODY)
async def upload(request: Request, ctx: Context, session: TenantSession) -> ImportOut:
    """Takes the package and starts its dry run, which writes nothing to the business data;
    the import's report and errors show what it found. The same package again is refused
    while the first is not withdrawn."""
    assert ctx.tenant
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in ("application/zip", "application/octet-stream"):
        raise Problem(415, "The package is a ZIP file (Content-Type: application/zip)")
    import_id = str(uuid.uuid4())
    number = await next_number(session, ctx.tenant, "import", "I")
    await session.execute(insert(imports).values(**_new_import(ctx, import_id, number)))
    digest, size = await _store_package(request, session, ctx.tenant, import_id)
    earlier = (
        await session.execute(
            select(imports.c.number).where(
                imports.c.package_sha256 == digest, imports.c.status != "withdrawn"
            )
        )
    ).first()
    if earlier is not None:
        raise Problem(409, f"This package was handed in before, as import {earlier.number}")
    job = await _start_dry_run(session, ctx, import_id)
    try:
        await session.execute(
            update(imports)
            .where(imports.c.id == import_id)
            .values(package_sha256=digest, package_bytes=size, job_id=job.id)
        )
    except IntegrityError as exc:  # the same package, handed in at the same moment
        raise Problem(409, "This package is being handed in already") from exc
    return await import_out(session, await row_by_id(session, imports, import_id, "import"))


async def _start_dry_run(session: AsyncSession, ctx: RequestContext, import_id: str) -> JobOut:
    assert ctx.tenant
    params = {"import_id": import_id}
    return await JOBS.submit(session, ctx.tenant, dry_run.KIND, params, ctx.username)


def _new_import(ctx: RequestContext, import_id: str, number: str) -> dict[str, Any]:
    return {
        "tenant_id": ctx.tenant,
        "id": import_id,
        "number": number,
        "status": "checking",
        "package_sha256": f"pending:{import_id}",  # unique until the package is in
        "package_bytes": 0,
        "created_by": ctx.subject,
        "created_by_name": ctx.username,
        "acting_as": ctx.acting_as,
        "grant_id": ctx.grant_id,
    }


async def _store_package(
    request: Request, session: AsyncSession, tenant: str, import_id: str
) -> tuple[str, int]:
    """The body into the database a part at a time, never whole in memory: its digest, size."""
    digest, size, part, pending = hashlib.sha256(), 0, 0, bytearray()

    async def write(data: bytes) -> None:
        nonlocal part
        await session.execute(
            insert(import_package_parts).values(
                tenant_id=tenant, import_id=import_id, part=part, data=data
            )
        )
        part += 1

    async for chunk in request.stream():
        if size < len(ZIP_SIGNATURE) and not (bytes(pending) + chunk).startswith(
            ZIP_SIGNATURE[: size + len(chunk)]
        ):
            raise Problem(415, "The package is not a ZIP file")
        size += len(chunk)
        if size > MAX_PACKAGE_BYTES:
            raise Problem(413, f"A package is at most {MAX_PACKAGE_BYTES} bytes packed")
        digest.update(chunk)
        pending += chunk
        while len(pending) >= PART_BYTES:
            await write(bytes(pending[:PART_BYTES]))
            del pending[:PART_BYTES]
    if pending:
        await write(bytes(pending))
    if size < len(ZIP_SIGNATURE):
        raise Problem(422, "The package is empty")
    return digest.hexdigest(), size


@router.get("", response_model=Page[ImportOut], openapi_extra=READ)
async def list_imports(session: TenantSession, paging: Paging) -> Page[ImportOut]:
    """The tenant's imports, newest first."""
    query = select(imports).order_by(imports.c.number.desc()).limit(paging.limit + 1)
    if paging.after:
        query = query.where(imports.c.number < paging.after)
    rows = (await session.execute(query)).all()
    items = [await import_out(session, row) for row in rows]
    return page_of(items, [row.number for row in rows], paging.limit)


@router.get("/{import_id}", response_model=ImportOut, openapi_extra=READ)
async def get_import(import_id: str, session: TenantSession) -> ImportOut:
    """The import's status, the dry run's progress, and its report: per kind the rows and
    control totals as the manifest states them and as the package holds them."""
    return await import_out(session, await row_by_id(session, imports, import_id, "import"))


@router.get("/{import_id}/errors", response_model=Page[ImportFinding], openapi_extra=READ)
async def list_errors(
    import_id: str,
    session: TenantSession,
    paging: Paging,
    file: str | None = Query(None, max_length=200, description="Only the errors of this file"),
) -> Page[ImportFinding]:
    """What the dry run found wrong, in the order found (file by file, line by line, then the
    checks between files and the manifest's totals), each with file, line and field."""
    await row_by_id(session, imports, import_id, "import")
    after = 0
    if paging.after is not None:
        if not paging.after.isdigit() or len(paging.after) > 9:
            raise Problem(
                422, "Invalid cursor", errors=[{"field": "cursor", "message": "not a cursor"}]
            )
        after = int(paging.after)
    query = (
        select(import_errors)
        .where(import_errors.c.import_id == import_id, import_errors.c.seq > after)
        .order_by(import_errors.c.seq)
        .limit(paging.limit + 1)
    )
    if file is not None:
        query = query.where(import_errors.c.file == file)
    rows = (await session.execute(query)).all()
    items = [
        ImportFinding(seq=r.seq, file=r.file, line=r.line, field=r.field, message=r.message)
        for r in rows
    ]
    return page_of(items, [str(r.seq) for r in rows], paging.limit)


@router.post("/{import_id}/check", status_code=202, response_model=ImportOut)
async def check_again(import_id: str, ctx: Context, session: TenantSession) -> ImportOut:
    """The dry run again, e.g. once a product version the package names is live."""
    assert ctx.tenant
    row = await row_by_id(session, imports, import_id, "import")
    if row.status not in ("checked", "rejected", "failed"):
        raise Problem(409, f"Import {row.number} is {row.status}: it cannot be checked again now")
    job = await _start_dry_run(session, ctx, import_id)
    await session.execute(
        update(imports)
        .where(imports.c.id == import_id)
        .values(status="checking", job_id=job.id, error_count=0, failure=None)
    )
    return await import_out(session, await row_by_id(session, imports, import_id, "import"))


@router.post("/{import_id}/commit", status_code=202, response_model=ImportOut)
async def commit(import_id: str, ctx: Context, session: TenantSession) -> ImportOut:
    """Loads a checked import: each service takes its part in the background, in batches; the
    import shows the progress, and once loaded what the books hold beside the manifest."""
    assert ctx.tenant
    row = await row_by_id(session, imports, import_id, "import", lock=True)
    if row.status == "loading" and await _load_failed(session, row):
        return await _resume(session, ctx, row)
    if row.status != "checked":
        raise Problem(409, f"Import {row.number} is {row.status}: only a checked import is loaded")
    waiting = sorted(set((row.report or {}).get("kinds", {})) - set(loading.LOADABLE))
    if waiting:
        raise Problem(
            409,
            f"Import {row.number} holds {', '.join(waiting)}, which cannot be loaded yet;"
            f" a package of {' and '.join(loading.LOADABLE)} can",
        )
    if clash := await loading.imported_meanwhile(session, import_id):
        raise Problem(409, f"Since the dry run, {clash}; check the import again")
    params = {"import_id": import_id}
    job = await JOBS.submit(session, ctx.tenant, loading.KIND, params, ctx.username)
    await session.execute(
        update(imports)
        .where(imports.c.id == import_id)
        .values(status="loading", committed_by=ctx.username, committed_at=func.now(), job_id=job.id)
    )
    return await import_out(session, await row_by_id(session, imports, import_id, "import"))


async def _load_failed(session: AsyncSession, row: Any) -> bool:
    job = await JOBS.get(session, str(row.job_id), loading.KIND)
    return job.status == "failed"


async def _resume(session: AsyncSession, ctx: RequestContext, row: Any) -> ImportOut:
    """A load whose sending job failed is resumed by a job that sends only what was not sent
    (batches answered stay answered; a batch sent twice is loaded once)."""
    assert ctx.tenant
    params = {"import_id": str(row.id)}
    job = await JOBS.submit(session, ctx.tenant, loading.KIND, params, ctx.username)
    await session.execute(update(imports).where(imports.c.id == row.id).values(job_id=job.id))
    return await import_out(session, await row_by_id(session, imports, str(row.id), "import"))
