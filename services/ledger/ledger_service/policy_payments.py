"""Each policy's way of paying (direct debit or transfer), as the policy service announces it in
`policy.changed`: the collection run collects only the items of policies paying by direct debit.
The events of a policy come in order, so the last one kept is the policy's current choice. A
mandate the applicant gave with the application, or one an import took over from the old system,
comes with the policy's first event."""

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.mandates import MandateIn, add_mandate
from ledger_service.tables import policy_payments
from servicekit.events import Event, latest_per

_KEEP_METHOD = insert(policy_payments)
_KEEP_METHOD = _KEEP_METHOD.on_conflict_do_update(
    index_elements=["tenant_id", "policy_number"], set_={"method": _KEEP_METHOD.excluded.method}
)


async def remember_payment_method(session: AsyncSession, event: Event) -> None:
    await remember_payment_methods(session, [event])


async def remember_payment_methods(session: AsyncSession, events: list[Event]) -> None:
    """Also keeps the mandate a policy's first event brings (given with the application, or
    taken over by an import); once, as its reference is unique. The methods, each policy's
    last, in one round trip."""
    for event in events:
        given = event.data.get("mandate")
        if given:
            assert event.tenant
            import_id = given.get("import_id")
            fields = {k: v for k, v in given.items() if k != "import_id"}
            mandate = MandateIn.model_validate(fields | {"relation_id": event.data["holder_id"]})
            how = "taken over with" if import_id else "given with the application of"
            by = "import" if import_id else "application"
            detail = f"{how} policy {event.data['number']}"
            await add_mandate(session, event.tenant, mandate, by, detail, import_id)
    methods = [
        {
            "tenant_id": e.tenant,
            "policy_number": e.data["number"],
            "method": e.data.get("payment_method") or "transfer",
        }
        for e in latest_per(events, lambda e: (e.tenant, e.data["number"]))
    ]
    await session.execute(_KEEP_METHOD, methods)
