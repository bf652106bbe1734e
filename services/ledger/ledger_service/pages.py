"""Keyset paging in an order of several keys (a date or a time, then the id), for lists whose
natural order is not their id's; the cursor holds the last row's keys."""

import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, literal, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.paging import Page, PageParams, encode_cursor
from servicekit.problems import Problem

T = TypeVar("T")


async def ordered_page(
    session: AsyncSession,
    query: Select[Any],
    keys: Sequence[ColumnElement[Any]],
    paging: PageParams,
    item: Callable[[Any], T],
    *,
    key_of: Callable[[Any], list[str]],
    parse: Callable[[list[str]], tuple[Any, ...]],
    descending: bool = False,
) -> Page[T]:
    """One page of `query` ordered by several `keys` (all ascending or all descending), after the
    cursor, which holds the keys of the last row as text (`key_of`, read back by `parse`)."""
    query = query.order_by(*(k.desc() if descending else k for k in keys))
    if paging.after:
        try:
            after = parse(json.loads(paging.after))
        except (ValueError, TypeError, IndexError, KeyError, AttributeError) as exc:
            raise Problem(
                422, "Invalid cursor", errors=[{"field": "cursor", "message": "not a cursor"}]
            ) from exc
        row_keys = tuple_(*keys)
        last = tuple_(*(literal(value, key.type) for key, value in zip(keys, after, strict=True)))
        query = query.where(row_keys < last if descending else row_keys > last)
    rows = (await session.execute(query.limit(paging.limit + 1))).all()
    if len(rows) > paging.limit:
        cursor = encode_cursor(json.dumps(key_of(rows[paging.limit - 1])))
        return Page(items=[item(r) for r in rows[: paging.limit]], next_cursor=cursor)
    return Page(items=[item(r) for r in rows], next_cursor=None)
