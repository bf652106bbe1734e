"""Tenant isolation in the databases themselves: every table with a tenant_id column forces
row-level security (but the platform's queues, `outbox`, `inbox` and `job_queue`, which carry
events and jobs between processes, each row naming its tenant), the service roles cannot bypass
it, and a query that forgets its tenant filter still sees only the tenant of its transaction."""

import asyncio

import asyncpg
import pytest

from devstack.ports import SERVICE_NAMES
from devstack.stack import Stack
from tests.support.api import Api
from tests.support.waiting import eventually


async def _unprotected_tables(stack: Stack, service: str) -> list[str]:
    conn = await asyncpg.connect(stack.postgres.superuser_dsn(service))
    try:
        rows = await conn.fetch(
            """
            select c.relname, c.relrowsecurity, c.relforcerowsecurity
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id'
            where n.nspname = 'public' and c.relkind = 'r'
              and c.relname not in ('outbox', 'inbox', 'job_queue')
            """
        )
        role = await conn.fetchrow(
            "select rolsuper, rolbypassrls from pg_roles where rolname = $1", service
        )
    finally:
        await conn.close()
    assert role is not None and not role["rolsuper"] and not role["rolbypassrls"]
    assert rows, f"{service} has no tenant-owned tables"
    return [r["relname"] for r in rows if not (r["relrowsecurity"] and r["relforcerowsecurity"])]


@pytest.mark.parametrize("service", SERVICE_NAMES)
def test_every_tenant_table_forces_row_level_security(stack: Stack, service: str) -> None:
    assert asyncio.run(_unprotected_tables(stack, service)) == []


async def _as_ledger(stack: Stack, tenant: str | None, sql: str) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(stack.postgres.url("ledger", "ledger", "ledger", driver=""))
    try:
        async with conn.transaction():
            if tenant is not None:
                await conn.execute("select set_config('app.tenant', $1, true)", tenant)
            return list(await conn.fetch(sql))
    finally:
        await conn.close()


def _has_chart(operator: Api, tenant: str) -> bool:
    response = operator.client.get("/api/ledger/accounts", headers=operator.headers(tenant=tenant))
    return response.status_code == 200 and bool(response.json()["items"])


def test_query_without_tenant_filter_sees_one_tenant(
    stack: Stack, operator: Api, tenant: str
) -> None:
    other = f"{tenant}-b"
    assert operator.post("/api/identity/tenants", {"slug": other, "name": "B"}).status_code == 201
    assert eventually(lambda: _has_chart(operator, tenant), seconds=20), "chart did not arrive"
    assert eventually(lambda: _has_chart(operator, other), seconds=20), "chart did not arrive"
    # The careless query: no where clause at all.
    rows = asyncio.run(_as_ledger(stack, tenant, "select tenant_id from accounts"))
    assert rows and {r["tenant_id"] for r in rows} == {tenant}
    assert asyncio.run(_as_ledger(stack, None, "select tenant_id from accounts")) == []


def test_writing_into_another_tenant_is_refused(stack: Stack, tenant: str) -> None:
    sql = (
        "insert into accounts (tenant_id, code, name, kind) "
        "values ('someone-else', '9999', 'Smuggled', 'asset')"
    )
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        asyncio.run(_as_ledger(stack, tenant, sql))
