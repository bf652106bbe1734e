"""Restoring the ledger to a point in time: a base backup (pg_basebackup) and the archived WAL
replayed up to a chosen moment give back the books exactly as they stood then. The trial balance
of the restored database equals the one read at that moment, and what was booked afterwards is
not there. CloudNativePG's recovery from its object store does the same (deploy/k8s/README.md,
"Backups and restore"); here it runs on the embedded PostgreSQL, as an operator would by hand."""

import asyncio
import os
import subprocess
import time
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import asyncpg
import pytest

from devstack.ports import free_port
from devstack.postgres import POSTGRES_BIN_PATH, SUPERUSER, Postgres, runtime_role
from ledger_service.chart import open_chart_for_new_tenant
from ledger_service.journal import NewEntry, Posting, book_many
from servicekit.db import Database
from servicekit.events import Event
from servicekit.migrations import upgrade

TENANT = "restore-test"
PASSWORD = "restore-test-superuser"


def _owned_dir(server: Postgres, path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    server.own(path)
    return path


@pytest.fixture
def archiving(tmp_path: Path) -> Iterator[tuple[Postgres, Path]]:
    """A PostgreSQL whose every finished WAL segment is copied to an archive folder, with the
    ledger's database migrated, as a CloudNativePG cluster archives to its object store."""
    archive = tmp_path / "archive"
    server = Postgres(
        tmp_path / "primary",
        free_port(),
        PASSWORD,
        settings=("wal_level=replica", "archive_mode=on", f"archive_command=cp %p {archive}/%f"),
    )
    try:
        server.start(tmp_path / "primary-logs")
        _owned_dir(server, archive)
        server.ensure_databases({"ledger": "ledger"}, runtimes={"ledger": runtime_role("ledger")})
        os.environ["DATABASE_RUNTIME_ROLE"] = runtime_role("ledger")
        try:
            upgrade("ledger_service", server.url("ledger", "ledger", "ledger"))
        finally:
            del os.environ["DATABASE_RUNTIME_ROLE"]
        yield server, archive
    finally:
        server.stop()


async def _book(server: Postgres, first: int, count: int, *, chart: bool = False) -> None:
    """`count` premium entries of the tenant, numbered from `first`, booked as the ledger books
    them (as its runtime role, in one transaction)."""
    role = runtime_role("ledger")
    db = Database(server.url(role, role, "ledger"), pool_size=1)
    try:
        async with db.tenant_transaction(TENANT) as session:
            if chart:
                await open_chart_for_new_tenant(
                    session, Event.new("identity", "tenant.registered", TENANT, {})
                )
            entries = []
            for n in range(first, first + count):
                amount = Decimal(100 + n) + Decimal("0.25")
                tax = (amount * Decimal("0.21")).quantize(Decimal("0.01"))
                lines = [
                    Posting("1300", debit=amount + tax),
                    Posting("1610", credit=amount),
                    Posting("1700", credit=tax),
                ]
                entries.append(NewEntry(date.today(), f"premium {n}", "premium", lines, "test"))
            await book_many(session, TENANT, entries)
    finally:
        await db.dispose()


async def _books(server: Postgres) -> tuple[dict[str, Decimal], int, datetime]:
    """The tenant's trial balance (balance per account), its number of entries, and the moment
    they were read."""
    conn = await asyncpg.connect(server.superuser_dsn("ledger"))
    try:
        rows = await conn.fetch(
            "select account_code, sum(debit) - sum(credit) as balance from journal_lines"
            " where tenant_id = $1 group by account_code",
            TENANT,
        )
        entries = await conn.fetchval(
            "select count(*) from journal_entries where tenant_id = $1", TENANT
        )
        moment = await conn.fetchval("select clock_timestamp()")
        return {r["account_code"]: r["balance"] for r in rows}, entries, moment
    finally:
        await conn.close()


async def _archive_current_wal(server: Postgres) -> None:
    """Close the current WAL segment and wait until the archive has it."""
    conn = await asyncpg.connect(server.superuser_dsn())
    try:
        segment = await conn.fetchval("select pg_walfile_name(pg_switch_wal())")
        deadline = time.monotonic() + 30
        while (await conn.fetchval("select last_archived_wal from pg_stat_archiver") or "") < (
            segment
        ):
            assert time.monotonic() < deadline, f"WAL segment {segment} was not archived"
            await asyncio.sleep(0.2)
    finally:
        await conn.close()


def _base_backup(server: Postgres, into: Path) -> None:
    result = subprocess.run(
        [
            str(POSTGRES_BIN_PATH / "pg_basebackup"),
            *("-h", "127.0.0.1", "-p", str(server.port), "-U", SUPERUSER),
            *("-D", str(into), "-X", "stream", "-c", "fast"),
        ],
        env={**os.environ, "PGPASSWORD": PASSWORD},
        capture_output=True,
        text=True,
        user=server.uid,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _restore(backup: Path, archive: Path, target: datetime, into: Path) -> Postgres:
    """A new server from the base backup, replaying the archived WAL up to `target`."""
    restored = Postgres(into, free_port(), PASSWORD)
    subprocess.run(["cp", "-a", str(backup), str(restored.pgdata)], check=True)
    (restored.pgdata / "recovery.signal").touch()
    with (restored.pgdata / "postgresql.auto.conf").open("a") as conf:
        conf.write(
            f"restore_command = 'cp {archive}/%f %p'\n"
            f"recovery_target_time = '{target.isoformat()}'\n"
            "recovery_target_action = 'promote'\n"
        )
    for path in [restored.pgdata, *restored.pgdata.rglob("*")]:
        restored.own(path)
    return restored


async def _promoted(server: Postgres) -> bool:
    conn = await asyncpg.connect(server.superuser_dsn())
    try:
        return not await conn.fetchval("select pg_is_in_recovery()")
    finally:
        await conn.close()


def test_the_ledger_restored_to_a_moment_has_the_trial_balance_of_that_moment(
    archiving: tuple[Postgres, Path], tmp_path: Path
) -> None:
    primary, archive = archiving
    asyncio.run(_book(primary, 1, 20, chart=True))
    backup = _owned_dir(primary, tmp_path / "backups")
    _base_backup(primary, backup / "base")
    # Booked after the backup: only the archived WAL brings these back.
    asyncio.run(_book(primary, 21, 15))
    then, entries_then, moment = asyncio.run(_books(primary))
    time.sleep(0.5)
    asyncio.run(_book(primary, 36, 10))  # after the moment: must not come back
    now, entries_now, _ = asyncio.run(_books(primary))
    assert (entries_then, entries_now) == (35, 45) and then != now
    assert sum(then.values()) == 0  # the books balance
    asyncio.run(_archive_current_wal(primary))

    restored = _restore(backup / "base", archive, moment, _owned_dir(primary, tmp_path / "pitr"))
    try:
        restored.start(tmp_path / "pitr-logs")
        deadline = time.monotonic() + 60
        while not asyncio.run(_promoted(restored)):
            assert time.monotonic() < deadline, "the restored server did not finish its recovery"
            time.sleep(0.2)
        after, entries_after, _ = asyncio.run(_books(restored))
    finally:
        restored.stop()
    assert entries_after == entries_then
    assert after == then
