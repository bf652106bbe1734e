"""The claim's status machine as a claims department runs it, with its money guards (pure).

Statuses: reported → in treatment or rejected; in treatment ⇄ awaiting information; in
treatment → accepted or rejected; accepted → paid, or back into treatment; rejected → closed, or
back into treatment; paid → closed; a closed claim reopens into treatment.

Money: payments are made only while the claim is accepted or paid. A claim becomes paid, closed or
rejected only when no payment awaits a second person's approval, and paid only once something
was paid. Rejecting or closing releases what is left of the reserve; a rejected or closed claim
holds none, and the reserve never goes below what payments awaiting approval hold of it.

The endpoints (`treatment.py`, `payments.py`) read the claim and its payments, ask these
functions, and write the outcome; a refusal here is a domain `Conflict` or `Invalid`
(`backoffice_domain.refusals`), which the edge answers as 409 or 422.
"""

from decimal import Decimal

from backoffice_domain.refusals import Conflict, Invalid

STATUSES = (
    "reported",
    "in_treatment",
    "awaiting_information",
    "accepted",
    "rejected",
    "paid",
    "closed",
)

NEXT: dict[str, frozenset[str]] = {
    "reported": frozenset({"in_treatment", "rejected"}),
    "in_treatment": frozenset({"awaiting_information", "accepted", "rejected"}),
    "awaiting_information": frozenset({"in_treatment"}),
    "accepted": frozenset({"paid", "in_treatment"}),
    "rejected": frozenset({"closed", "in_treatment"}),
    "paid": frozenset({"closed"}),
    "closed": frozenset({"in_treatment"}),
}

# Statuses in which money may be paid out on the claim.
PAYABLE = frozenset({"accepted", "paid"})
# Statuses a claim reaches only when no payment awaits approval.
SETTLED = frozenset({"paid", "closed", "rejected"})
# Statuses in which a claim holds no reserve: reaching one releases what is left.
WITHOUT_RESERVE = frozenset({"rejected", "closed"})


def next_statuses(current: str) -> list[str]:
    """What a claim that is `current` may become, in the order of the handling."""
    return [s for s in STATUSES if s in NEXT.get(current, frozenset())]


def check_transition(current: str, to: str, *, awaiting_approval: Decimal, paid: Decimal) -> None:
    """Conflict when `to` may not follow `current` (naming the allowed next statuses), when
    payments of `awaiting_approval` still wait for a second person, or when a claim on which
    nothing was `paid` would become paid."""
    if to not in NEXT.get(current, frozenset()):
        allowed = ", ".join(sorted(NEXT.get(current, frozenset()))) or "none"
        raise Conflict(f"A claim that is {current} cannot become {to}; it can become: {allowed}")
    if to in SETTLED and awaiting_approval:
        raise Conflict(
            f"Payments of {awaiting_approval} wait for approval; approve or refuse them first"
        )
    if to == "paid" and paid == 0:
        raise Conflict("Nothing has been paid on this claim yet")


def releases_reserve(to: str) -> bool:
    """Becoming `to` sets what is left of the reserve to zero."""
    return to in WITHOUT_RESERVE


def check_reserve(status: str, amount: Decimal, awaiting_approval: Decimal) -> None:
    """The reserve floor. Conflict when a claim that is `status` holds no reserve; Invalid on
    `amount` when it is below what payments awaiting approval hold."""
    if status in WITHOUT_RESERVE:
        raise Conflict(f"A claim that is {status} holds no reserve")
    if amount < awaiting_approval:
        raise Invalid(
            f"Payments of {awaiting_approval} wait for approval; the reserve cannot go below them",
            field="amount",
            message=f"at least {awaiting_approval}",
        )


def check_payable(status: str) -> None:
    """Conflict unless a claim that is `status` takes payments."""
    if status not in PAYABLE:
        raise Conflict(f"A claim that is {status} takes no payments; accept it first")
