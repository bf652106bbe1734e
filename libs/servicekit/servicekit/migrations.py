"""Alembic, the same way for every service: `python -m <service>.migrate` upgrades the service's
own database to the newest revision. Each service keeps its revisions in `<package>/migrations`."""

import asyncio
import os

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


def run_env(metadata: MetaData) -> None:
    """The body of every service's migrations/env.py."""
    url = context.config.get_main_option("sqlalchemy.url")
    assert url

    def run(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=metadata)
        with context.begin_transaction():
            # One migration at a time even with several replicas starting together.
            connection.exec_driver_sql("select pg_advisory_xact_lock(7142001)")
            context.run_migrations()

    async def main() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(run)
        await engine.dispose()

    asyncio.run(main())
