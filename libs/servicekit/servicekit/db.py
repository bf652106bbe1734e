"""The service's own database, with the tenant set per transaction for row-level security.

Every tenant-owned table has a policy `tenant_id = current_setting('app.tenant')` and FORCE ROW
LEVEL SECURITY, and the service's role has no BYPASSRLS: a query that forgets its tenant filter
still sees only the tenant of its transaction.
"""

import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Executable, MetaData, Row, text
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from servicekit.settings import POOL_OVERFLOW, POOL_SIZE, ServiceSettings

log = logging.getLogger(__name__)

TENANT_SETTING = "app.tenant"
# Set on a session by servicekit.outbox.add_event: the events the transaction wrote.
OUTBOX_WRITTEN = "outbox_written"

# Constraint names that Alembic can find again (as in the SQLAlchemy docs).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING_CONVENTION)


# The statements run on every transaction, built once: building one per call (and its cache
# key) cost more Python than executing it.
_ACT_AS = text("select set_config(:name, :tenant, true)")
# A tenant named only by these characters (every tenant's slug is) is written into the statement
# that begins its transaction; any other name is bound as a parameter, in a statement of its own.
_PLAIN_TENANT = re.compile(r"[a-z0-9_-]{1,64}\Z")
_LOCK = text("select pg_advisory_xact_lock(hashtext(:scope), hashtext(:key))")


class _BegunByHand:
    """Stands, in SQLAlchemy's asyncpg adapter, for the asyncpg transaction it would have begun
    itself: the adapter commits or rolls back through it as through its own."""

    def __init__(self, driver: Any) -> None:
        self.driver = driver

    async def commit(self) -> None:
        await self.driver.execute("commit")

    async def rollback(self) -> None:
        await self.driver.execute("rollback")


async def _begin_as(session: AsyncSession, tenant: str) -> None:
    """Begins the session's transaction as `tenant`: BEGIN and the tenant's setting in one
    round trip (one simple query of two statements), where the adapter's lazy BEGIN and the
    setting's statement took two, on every transaction of every service. A name that is not
    plain is bound as a parameter instead. The adapter is told its transaction has begun before
    it is sent, so a BEGIN that fails halfway is rolled back when the session ends, as one of
    its own."""
    if not _PLAIN_TENANT.match(tenant):
        await act_as_tenant(session, tenant)
        return
    adapter: Any = (await (await session.connection()).get_raw_connection()).dbapi_connection
    driver = adapter._connection
    adapter._transaction = _BegunByHand(driver)
    try:
        await driver.execute(f"begin; select set_config('{TENANT_SETTING}', '{tenant}', true)")
    except Exception:
        # Met again through SQLAlchemy, which handles a failed statement its own way (a dropped
        # connection invalidated with the pool, a 503); should it pass, the transaction is the
        # adapter's own, begun as before.
        if not driver.is_in_transaction():
            adapter._transaction = None
        await act_as_tenant(session, tenant)


async def act_as_tenant(session: AsyncSession, tenant: str) -> None:
    """From here to the end of the transaction, `session` sees and writes only `tenant`'s rows
    (row-level security); a later call switches to another tenant."""
    await session.execute(_ACT_AS, {"name": TENANT_SETTING, "tenant": tenant})


async def lock_for_transaction(session: AsyncSession, scope: str, key: str) -> None:
    """Wait for, then hold until the transaction ends, the advisory lock of `key` in `scope`
    (one settlement of an insurer, one close of a tenant's month, one collection run of a
    tenant at a time)."""
    await session.execute(_LOCK, {"scope": scope, "key": key})


class Database:
    def __init__(
        self, url: str, *, pool_size: int = POOL_SIZE, max_overflow: int = POOL_OVERFLOW
    ) -> None:
        # No ping before each use: it cost a round trip on every transaction. A connection the
        # database dropped (a restart, a failover) fails its first statement instead; SQLAlchemy
        # then discards every pooled connection made before, the request answers 503 (see
        # servicekit.problems) and a consumer's batch is tried again.
        # `pool_size` kept (made as needed, then kept): a connection beyond the pool is made and
        # dropped again, a backend started and a password checked, which under 32 clients of
        # quotes (each holding a connection for one statement) cost more than the quotes' own
        # work. `max_overflow` more may be made in a burst (ServiceSettings.database_pool_*).
        self.engine: AsyncEngine = create_async_engine(
            url, pool_size=pool_size, max_overflow=max_overflow
        )
        # Many rows in one INSERT ... VALUES statement (up to a thousand), with or without
        # RETURNING: asyncpg's executemany has PostgreSQL run the statement once per row, which
        # cost a batch booking of premiums more than its rows' own work.
        self.engine.sync_engine.dialect.use_insertmanyvalues_wo_returning = True
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        # The same pool, each statement its own transaction (execute_alone).
        self._alone = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        # Publishes the outbox right after a transaction that wrote events commits, so that
        # what the caller does next already sees the event's effects (e.g. a right revoked
        # at every gateway). The background relay catches up on whatever this misses.
        # It is given the events written (servicekit.outbox.Written).
        self.after_outbox_commit: Callable[[list[Any]], Awaitable[None]] | None = None

    @classmethod
    def for_service(cls, settings: ServiceSettings) -> "Database":
        """The service's database, its pool sized by its settings."""
        return cls(
            settings.database_url,
            pool_size=settings.database_pool_size,
            max_overflow=settings.database_pool_overflow,
        )

    @asynccontextmanager
    async def tenant_transaction(self, tenant: str) -> AsyncIterator[AsyncSession]:
        """One transaction that sees and writes only `tenant`'s rows."""
        async with self.sessions() as session:
            async with session.begin():
                await _begin_as(session, tenant)
                yield session
            await self._flush_outbox(session)

    @asynccontextmanager
    async def system_transaction(self) -> AsyncIterator[AsyncSession]:
        """A transaction with no tenant: sees no tenant rows, only platform tables."""
        async with self.sessions() as session:
            async with session.begin():
                yield session
            await self._flush_outbox(session)

    async def execute_alone(self, statement: Executable, params: Any = None) -> list[Row[Any]]:
        """The rows of one statement run as its own transaction (autocommit), with no tenant: a
        single statement is atomic by itself, so the BEGIN and COMMIT round trips are saved (a
        background poll that only looks, an idempotent insert, a function that sets its own
        tenant such as the product service's `issue_quote`)."""
        async with self._alone.connect() as conn:
            result = await conn.execute(statement, params)
            return list(result.all()) if result.returns_rows else []

    async def _flush_outbox(self, session: AsyncSession) -> None:
        written = session.sync_session.info.pop(OUTBOX_WRITTEN, None)
        if written and self.after_outbox_commit:
            try:
                await self.after_outbox_commit(written)
            except Exception as exc:
                log.warning("publishing after commit failed, the relay will retry: %s", exc)

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("select 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()
