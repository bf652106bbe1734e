"""The documents a service sends customers (PDF), kept once made: a document is made the first
time it is asked for, stored with its hash, and from then on served as stored, byte for byte, so
what a customer was sent can always be shown again (never remade with later data or a later
letterhead). Each service that makes documents keeps its own `documents` table and its copy of
the tenant's letterheads (`migration_ops.create_document_tables`); the policy service owns the
letterhead setting and publishes `letterhead.changed`."""

import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import anyio
from fastapi import Response
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    LargeBinary,
    MetaData,
    Table,
    Text,
    case,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession

PDF = "application/pdf"


def define_document_tables(metadata: MetaData) -> tuple[Table, Table]:
    """`documents` and `letterheads` in a service's `tables.py`, as the migrations make them."""
    documents = Table(
        "documents",
        metadata,
        Column("tenant_id", Text, primary_key=True),
        Column("key", Text, primary_key=True),
        Column("kind", Text, nullable=False),
        Column("made_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("sha256", Text, nullable=False),
        Column("test", Boolean, nullable=False),
        Column("pdf", LargeBinary, nullable=False),
    )
    letterheads = Table(
        "letterheads",
        metadata,
        Column("tenant_id", Text, primary_key=True),
        Column("valid_from", DateTime(timezone=True), primary_key=True),
        Column("data", JSONB, nullable=False),
    )
    return documents, letterheads


@dataclass(frozen=True)
class Making:
    """What a document not made yet is, and the function (CPU work) that makes its PDF."""

    kind: str
    test: bool
    make: Callable[[], bytes]


class DocumentStore:
    def __init__(self, documents: Table, letterheads: Table) -> None:
        self.documents = documents
        self.letterheads = letterheads

    async def made(self, session: AsyncSession, keys: list[str]) -> dict[str, datetime]:
        """Of `keys`, those made already, with when."""
        if not keys:
            return {}
        rows = await session.execute(
            select(self.documents.c.key, self.documents.c.made_at).where(
                self.documents.c.key.in_(keys)
            )
        )
        return {r.key: r.made_at for r in rows}

    async def kept_or_made(
        self,
        session: AsyncSession,
        tenant: str,
        key: str,
        prepare: Callable[[], Awaitable["Making"]],
    ) -> Any:
        """The stored document `key`; if it was never made, `prepare` reads what it needs and
        says how to make it, which runs in a worker thread (rendering is CPU work). Two first
        requests at once keep one of the two."""
        found = await self._stored(session, key)
        if found is not None:
            return found
        making = await prepare()
        kind, test, make = making.kind, making.test, making.make
        pdf = await anyio.to_thread.run_sync(make)
        await session.execute(
            insert(self.documents)
            .values(
                tenant_id=tenant,
                key=key,
                kind=kind,
                test=test,
                sha256=hashlib.sha256(pdf).hexdigest(),
                pdf=pdf,
            )
            .on_conflict_do_nothing()
        )
        return await self._stored(session, key)

    async def _stored(self, session: AsyncSession, key: str) -> Any:
        return (
            await session.execute(select(self.documents).where(self.documents.c.key == key))
        ).first()

    async def letterhead_at(self, session: AsyncSession, moment: datetime) -> dict[str, Any] | None:
        """The tenant's letterhead in force at `moment`, or else the first one set after it (a
        document of before the first letterhead gets that one); None if there is none."""
        t = self.letterheads.c
        before = t.valid_from <= moment
        row = (
            await session.execute(
                select(t.data)
                .order_by(
                    case((before, 0), else_=1),
                    case((before, t.valid_from)).desc(),
                    t.valid_from,
                )
                .limit(1)
            )
        ).first()
        return None if row is None else dict(row.data)

    async def keep_letterhead(
        self, session: AsyncSession, tenant: str, valid_from: datetime, data: dict[str, Any]
    ) -> None:
        await session.execute(
            insert(self.letterheads)
            .values(tenant_id=tenant, valid_from=valid_from, data=data)
            .on_conflict_do_nothing()
        )


def pdf_response(document: Any, filename: str) -> Response:
    """A stored document as the browser should show it; its hash is its ETag, since it never
    changes."""
    return Response(
        content=bytes(document.pdf),
        media_type=PDF,
        headers={
            "Content-Disposition": f'inline; filename="{filename}.pdf"',
            "ETag": f'"{document.sha256}"',
            "Cache-Control": "private, max-age=86400",
        },
    )
