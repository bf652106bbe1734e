"""Each policy's way of paying (direct debit or transfer), as the policy service announces it in
`policy.changed`: the collection run collects only the items of policies paying by direct debit.
The events of a policy come in order, so the last one kept is the policy's current choice. A
mandate the applicant gave with the application, or one an import took over from the old system,
comes with the policy's first event."""

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.mandates import MandateIn, add_mandate
from ledger_service.tables import policy_payments
from servicekit.events import Event


async def remember_payment_method(session: AsyncSession, event: Event) -> None:
    """Also keeps the mandate the policy's first event brings (given with the application, or
    taken over by an import); once, as its reference is unique."""
    assert event.tenant
    data = event.data
    given = data.get("mandate")
    if given:
        import_id = given.get("import_id")
        fields = {k: v for k, v in given.items() if k != "import_id"}
        mandate = MandateIn.model_validate(fields | {"relation_id": data["holder_id"]})
        how = "taken over with" if import_id else "given with the application of"
        by = "import" if import_id else "application"
        detail = f"{how} policy {data['number']}"
        await add_mandate(session, event.tenant, mandate, by, detail, import_id)
    method = data.get("payment_method") or "transfer"
    await session.execute(
        insert(policy_payments)
        .values(tenant_id=event.tenant, policy_number=data["number"], method=method)
        .on_conflict_do_update(
            index_elements=["tenant_id", "policy_number"], set_={"method": method}
        )
    )
