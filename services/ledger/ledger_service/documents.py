"""The documents of the debtors' current accounts: each reminder as PDF in Dutch (made the first
time it is asked for and kept, servicekit.documents), and the way from a debtor item to its
premium invoice or credit note, which the policy service makes and keeps."""

import datetime as dt
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Response
from fastapi.responses import RedirectResponse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backoffice_domain.letterhead import addressee, letterhead_of, payment_account
from backoffice_domain.letters import Letter, dutch_date, euro, render
from ledger_service.tables import DOCUMENTS, known_relations, open_items, reminders
from servicekit.app import Context, TenantSession
from servicekit.documents import Making, pdf_response
from servicekit.events import Event
from servicekit.problems import Problem
from servicekit.rows import row_by_id

router = APIRouter(prefix="/api/debtors", tags=["debtors"])
TITLES = {1: "Herinnering", 2: "Tweede herinnering", 3: "Aanmaning"}


async def remember_letterhead(session: AsyncSession, event: Event) -> None:
    """On `letterhead.changed`: keep the tenant's letterhead from the moment it took effect."""
    valid_from = dt.datetime.fromisoformat(event.data["valid_from"])
    await DOCUMENTS.keep_letterhead(
        session, str(event.tenant), valid_from, event.data["letterhead"]
    )


@router.get(
    "/items/{item_id}/document",
    status_code=303,
    response_class=RedirectResponse,
    responses={303: {"description": "The premium invoice or credit note, at the policy's"}},
)
async def item_document(item_id: str, session: TenantSession) -> RedirectResponse:
    """A premium item's invoice or credit note is the policy administration's document: this
    sends the caller there (`policies:view` is needed to read it)."""
    item = await row_by_id(session, open_items, item_id, "debtor item")
    if item.ledger != "debtors" or item.policy_id is None:
        raise Problem(404, "This item has no document (not a premium invoice or credit note)")
    return RedirectResponse(
        f"/api/policies/{item.policy_id}/documents/{quote(item.reference, safe='')}",
        status_code=303,
    )


@router.get(
    "/reminders/{reminder_id}/document",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The reminder"}},
)
async def reminder_document(reminder_id: str, ctx: Context, session: TenantSession) -> Response:
    reminder = await row_by_id(session, reminders, reminder_id, "reminder")
    item = (
        await session.execute(select(open_items).where(open_items.c.id == reminder.item_id))
    ).one()
    tenant = str(ctx.tenant)

    async def prepare() -> Making:
        setting = await DOCUMENTS.letterhead_at(
            session, dt.datetime.combine(reminder.sent_on, dt.time.max, dt.UTC)
        )
        letterhead = letterhead_of(setting, tenant)
        to = payment_account(setting)
        letter = reminder_letter(reminder, item, await _addressee(session, item), to)
        return Making("reminder", False, lambda: render(letterhead, letter))

    key = f"reminder/{reminder.id}"
    document = await DOCUMENTS.kept_or_made(session, tenant, key, prepare)
    return pdf_response(document, f"{TITLES[reminder.level].lower()}-{item.reference}")


async def _addressee(session: AsyncSession, item: Any) -> tuple[str, ...]:
    known = (
        await session.execute(
            select(known_relations).where(known_relations.c.relation_id == item.relation_id)
        )
    ).first()
    if known is None:
        return addressee(item.relation_name, None)
    return addressee(known.name, known.address)


def reminder_letter(
    reminder: Any, item: Any, addressee: tuple[str, ...], iban: str | None
) -> Letter:
    facts = [
        ("Datum", dutch_date(reminder.sent_on)),
        ("Betreft", item.reference),
        ("Oorspronkelijke vervaldatum", dutch_date(item.due_date)),
        ("Openstaand bedrag", euro(Decimal(reminder.amount))),
        ("Betalingskenmerk", item.reference),
    ]
    if item.policy_number:
        facts.insert(2, ("Polisnummer", item.policy_number))
    to = f" op rekening {iban}" if iban else ""
    pay = (
        f"Maak het bedrag van {euro(Decimal(reminder.amount))}{to} over onder vermelding van "
        f"betalingskenmerk {item.reference}. Heeft u inmiddels betaald, dan kunt u deze brief "
        "als niet verzonden beschouwen."
    )
    return Letter(
        title=TITLES[reminder.level],
        addressee=addressee,
        facts=tuple(facts),
        blocks=(reminder.text, pay),
    )
