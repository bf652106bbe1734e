"""Each policy's way of paying (direct debit or transfer), as the policy service announces it in
`policy.changed`: the collection run collects only the items of policies paying by direct debit.
The events of a policy come in order, so the last one kept is the policy's current choice."""

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledger_service.tables import policy_payments
from servicekit.events import Event


async def remember_payment_method(session: AsyncSession, event: Event) -> None:
    data = event.data
    method = data.get("payment_method") or "transfer"
    await session.execute(
        insert(policy_payments)
        .values(tenant_id=event.tenant, policy_number=data["number"], method=method)
        .on_conflict_do_update(
            index_elements=["tenant_id", "policy_number"], set_={"method": method}
        )
    )
