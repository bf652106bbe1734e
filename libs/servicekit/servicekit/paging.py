"""Lists page with `limit` and an opaque `cursor` (keyset paging on a sortable key)."""

import base64
import uuid
from collections.abc import Callable
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel
from sqlalchemy import UUID, Integer, Select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import NamedColumn

from servicekit.problems import Problem

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


class PageParams(BaseModel):
    limit: int
    after: str | None


def encode_cursor(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")


async def _page_params(
    limit: Annotated[int, Query(ge=1, le=200, description="Items per page")] = 50,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
) -> PageParams:
    after = None
    if cursor:
        try:
            after = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        except (ValueError, UnicodeDecodeError) as exc:
            raise Problem(
                422, "Invalid cursor", errors=[{"field": "cursor", "message": "not a cursor"}]
            ) from exc
    return PageParams(limit=limit, after=after)


Paging = Annotated[PageParams, Depends(_page_params)]


def page_of(items: list[T], keys: list[str], limit: int) -> Page[T]:
    """Given up to limit+1 items fetched in key order, the page and the cursor to the next."""
    if len(items) > limit:
        return Page(items=items[:limit], next_cursor=encode_cursor(keys[limit - 1]))
    return Page(items=items, next_cursor=None)


async def keyset_page(
    session: AsyncSession,
    query: Select[Any],
    key: NamedColumn[Any],
    paging: PageParams,
    item: Callable[[Any], T],
    *,
    descending: bool = False,
) -> Page[T]:
    """One page of `query` in `key` order (or the reverse), after the cursor's key. `key` is a
    unique column, or a labelled unique expression that `query` selects too."""
    query = query.order_by(key.desc() if descending else key).limit(paging.limit + 1)
    if paging.after:
        _check_cursor(paging.after, key)
        query = query.where(key < paging.after if descending else key > paging.after)
    rows = (await session.execute(query)).all()
    return page_of([item(r) for r in rows], [str(getattr(r, key.name)) for r in rows], paging.limit)


def _check_cursor(after: str, key: NamedColumn[Any]) -> None:
    """A cursor is the client's to send back, not to make: one that is not a key of this list
    (of another list, or made up) is refused, before it reaches a query."""
    try:
        if "\x00" in after:
            raise ValueError
        if isinstance(key.type, UUID):
            uuid.UUID(after)
        elif isinstance(key.type, Integer):
            int(after)
    except ValueError as exc:
        raise Problem(
            422, "Invalid cursor", errors=[{"field": "cursor", "message": "not a cursor"}]
        ) from exc
