"""Alembic, the same way for every service: `python -m <service>.migrate` upgrades the service's
own database to the newest revision. Each service keeps its revisions in `<package>/migrations`."""

import asyncio
import os
import re

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine


def alembic_config(package: str, database_url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", f"{package}:migrations")
    config.set_main_option("sqlalchemy.url", database_url or os.environ["DATABASE_URL"])
    return config


def upgrade(package: str, database_url: str | None = None) -> None:
    command.upgrade(alembic_config(package, database_url), "head")


# The role the service runs as (DATABASE_RUNTIME_ROLE): it reads and writes the tables the
# migration made, as the owner grants after every migration; it owns nothing, so it can neither
# switch off row-level security nor drop a trigger, a table or a constraint.
RUNTIME_ROLE = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def runtime_grants(role: str) -> list[str]:
    """What the runtime role `role` may do in the schema, granted anew after each migration (so
    a table a migration adds is covered too)."""
    if not RUNTIME_ROLE.fullmatch(role):
        raise ValueError(f"not a role name: {role!r}")
    return [
        f'grant usage on schema public to "{role}"',
        f'grant select, insert, update, delete on all tables in schema public to "{role}"',
        f'grant usage, select on all sequences in schema public to "{role}"',
        # The migrations' own bookkeeping is the owner's alone.
        f'revoke all on alembic_version from "{role}"',
    ]


def run_env(metadata: MetaData) -> None:
    """The body of every service's migrations/env.py."""
    url = context.config.get_main_option("sqlalchemy.url")
    assert url
    runtime_role = os.environ.get("DATABASE_RUNTIME_ROLE")

    def run(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=metadata)
        with context.begin_transaction():
            # One migration at a time even with several replicas starting together.
            connection.exec_driver_sql("select pg_advisory_xact_lock(7142001)")
            context.run_migrations()
            for grant in runtime_grants(runtime_role) if runtime_role else []:
                connection.exec_driver_sql(grant)

    async def main() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(run)
        await engine.dispose()

    asyncio.run(main())
