"""A policy over time: entries (the start, mutations, a cancellation) ordered by effective date
and then by the order they were entered. Each entry's state is the one before it with its own
changes applied, so a back-dated mutation flows into every later state; each state is rated on
the policy's product version by the product service (`product.rate`)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from nats.aio.client import Client
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from policy_service.billing import Cover, Line, Rating, term_of
from policy_service.tables import policy_entries
from servicekit.request_reply import RATE_SUBJECT, ask


def apply_changes(state: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """The state after `changes`: risk answers merge, the rest replaces; a new address also
    answers the `postcode` risk question when the product asks it."""
    after = {**state, "risk": dict(state["risk"])}
    for key, value in changes.items():
        if key == "risk":
            after["risk"].update(value)
        else:
            after[key] = value
    address = changes.get("address")
    if address and "postcode" in after["risk"]:
        after["risk"]["postcode"] = address["postcode"]
    return after


@dataclass(frozen=True)
class Product:
    """What a policy is rated on: its product version, and its start (terms count from it)."""

    code: str
    version: int
    policy_start: date


def rate_request(
    tenant: str, product: Product, state: dict[str, Any], rating_date: date
) -> dict[str, Any]:
    """The `product.rate` request (contracts/requests/product.rate.request.schema.json)."""
    return {
        "tenant": tenant,
        "code": product.code,
        "version": product.version,
        "risk": state["risk"],
        "coverages": state["coverages"],
        "frequency": state["frequency"],
        "rating_date": rating_date.isoformat(),
    }


async def rate(
    nc: Client | None, tenant: str, product: Product, state: dict[str, Any], on: date
) -> dict[str, Any]:
    """The rating of `state` on the product version, as of the term containing `on`."""
    rating_date, _ = term_of(product.policy_start, on)
    request = rate_request(tenant, product, state, rating_date)
    reply = await ask(nc, RATE_SUBJECT, request, "product service")
    keep = ("decision", "reasons", "lines", "premium", "insurer", "commission_rate", "product_name")
    # `product_name` is missing from a product service of before it was sent.
    return {k: reply[k] for k in keep if k in reply} | {"frequency": state["frequency"]}


def in_cover(rating: dict[str, Any]) -> list[str]:
    """The coverages a rating invoices: the required ones and those chosen. The state's own
    `coverages` lists only the chosen ones, as the rating request takes them."""
    return [line["coverage"] for line in rating["lines"]]


def causes_covered(rating: dict[str, Any]) -> dict[str, list[str]]:
    """Per coverage in cover, the causes of loss the product says it pays for (maybe none)."""
    return {line["coverage"]: list(line.get("causes", [])) for line in rating["lines"]}


def product_of(policy: Any) -> Product:
    return Product(policy.product_code, policy.product_version, policy.start_date)


def as_rating(stored: dict[str, Any]) -> Rating:
    return Rating(
        stored["frequency"],
        tuple(
            Line(line["coverage"], Decimal(line["instalment_net"]), Decimal(line["tax_rate"]))
            for line in stored["lines"]
        ),
    )


@dataclass(frozen=True)
class Entry:
    seq: int
    kind: str
    effective_date: date
    changes: dict[str, Any]
    state: dict[str, Any]
    rating: dict[str, Any] | None


async def entries_of(session: AsyncSession, policy_id: str) -> list[Entry]:
    return (await entries_for(session, [policy_id])).get(str(policy_id), [])


async def _by_policy(
    session: AsyncSession, policy_ids: list[str], *columns: Any
) -> dict[str, list[Any]]:
    """`columns` of the entries of many policies in one query, in timeline order per policy."""
    e = policy_entries.c
    rows = (
        await session.execute(
            select(e.policy_id, *columns)
            .where(e.policy_id.in_(policy_ids))
            .order_by(e.policy_id, e.effective_date, e.seq)
        )
    ).all()
    found: dict[str, list[Any]] = {}
    for r in rows:
        found.setdefault(str(r.policy_id), []).append(r)
    return found


async def entries_for(session: AsyncSession, policy_ids: list[str]) -> dict[str, list[Entry]]:
    """The entries of many policies in one query, in timeline order per policy."""
    e = policy_entries.c
    found = await _by_policy(
        session, policy_ids, e.seq, e.kind, e.effective_date, e.changes, e.state, e.rating
    )
    return {
        policy_id: [
            Entry(r.seq, r.kind, r.effective_date, r.changes, r.state, r.rating) for r in rows
        ]
        for policy_id, rows in found.items()
    }


class Rated(Protocol):
    """What a cover is made of: an entry's date and its rating (an Entry, or a row of
    `ratings_for`)."""

    @property
    def effective_date(self) -> date: ...

    @property
    def rating(self) -> dict[str, Any] | None: ...


async def ratings_for(session: AsyncSession, policy_ids: list[str]) -> dict[str, list[Rated]]:
    """The entries' dates and ratings of many policies, in timeline order per policy: all a
    cover needs (a renewal run read and parsed every entry's changes and state for nothing)."""
    e = policy_entries.c
    return await _by_policy(session, policy_ids, e.effective_date, e.rating)


def cover_of(policy: Any, entries: Sequence[Rated]) -> Cover:
    changes: dict[date, Rating] = {}
    for entry in entries:
        if entry.rating is not None:
            changes[entry.effective_date] = as_rating(entry.rating)
    return Cover(
        policy.start_date,
        tuple(sorted(changes.items())),
        Decimal(policy.commission_rate),
        policy.ends,
    )


async def restate(
    session: AsyncSession, nc: Client | None, tenant: str, policy: Any, entries: list[Entry]
) -> list[Entry]:
    """Recompute every state in order and re-rate those that changed; stores and returns them."""
    state: dict[str, Any] | None = None
    result = []
    for entry in entries:
        if entry.kind == "cancellation":
            result.append(entry)
            continue
        new_state = entry.changes if state is None else apply_changes(state, entry.changes)
        rating = entry.rating
        if new_state != entry.state or rating is None:
            rating = await rate(nc, tenant, product_of(policy), new_state, entry.effective_date)
            await session.execute(
                update(policy_entries)
                .where(policy_entries.c.policy_id == policy.id, policy_entries.c.seq == entry.seq)
                .values(state=new_state, rating=rating)
            )
        result.append(
            Entry(entry.seq, entry.kind, entry.effective_date, entry.changes, new_state, rating)
        )
        state = new_state
    return result


def state_on(entries: list[Entry], day: date) -> Entry | None:
    """The entry in force on `day` (the last with a rating on or before it)."""
    found = None
    for entry in entries:
        if entry.effective_date > day:
            break
        if entry.rating is not None:
            found = entry
    return found
