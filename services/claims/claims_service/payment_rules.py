"""Who may pay what on a claim (pure): the open reserve a payment may take, authority limits
(what a handler may pay on their own) and four eyes (a payment above the limit waits for a
second person, never the one who entered it). The endpoints (`payments.py`, `authority.py`) read
the claim, its payments and the limits, ask these functions and write the outcome; a refusal is
a domain error (`backoffice_domain.refusals`) that the edge answers as today's problem."""

from decimal import Decimal

from backoffice_domain.parties import valid_iban
from backoffice_domain.refusals import Conflict, Invalid, NotPermitted

# What a handler may pay on their own when the tenant has set nothing.
DEFAULT_LIMIT = Decimal("1000.00")
AWAITING = "awaiting_approval"


def authority_limit(own: Decimal | None, tenant_default: Decimal | None) -> Decimal:
    """A handler's limit: their own if the administrator set one, else the tenant's default,
    else `DEFAULT_LIMIT`."""
    if own is not None:
        return own
    return DEFAULT_LIMIT if tenant_default is None else tenant_default


def check_within_reserve(amount: Decimal, reserve: Decimal, awaiting_approval: Decimal) -> None:
    """A payment takes at most the open reserve less what payments awaiting approval hold of
    it; Invalid on `amount` above that."""
    free = reserve - awaiting_approval
    if amount > free:
        raise Invalid(
            f"The payment exceeds the open reserve ({free}); raise the reserve first",
            field="amount",
            message=f"at most {free}",
        )


def released_at_once(amount: Decimal, limit: Decimal) -> bool:
    """A payment within the entering handler's authority limit needs no second person."""
    return amount <= limit


def check_awaiting(status: str) -> None:
    """Only a payment awaiting approval is approved or refused; Conflict otherwise."""
    if status != AWAITING:
        raise Conflict(f"This payment is {status.replace('_', ' ')} already")


def check_approver(status: str, requested_by: str, approver: str) -> None:
    """Four eyes: the payment awaits approval (Conflict) and `approver` is not the person who
    entered it (NotPermitted)."""
    check_awaiting(status)
    if requested_by == approver:
        raise NotPermitted("You entered this payment; a second person must approve it")


def check_sets_limits(*, administers_own_tenant: bool, acting_as: str | None) -> None:
    """Limits are set by the tenant's administrator, or by the computing center while it
    administers the tenant (the gateway let it in only then, or under an approved support
    grant); NotPermitted for anyone else."""
    if not (administers_own_tenant or acting_as in ("operator", "support")):
        raise NotPermitted("Only the tenant's administrator sets authority limits")


def check_limit_for_other(handler: str, setter: str) -> None:
    """Nobody sets their own authority limit."""
    if handler == setter:
        raise NotPermitted("Nobody sets their own authority limit")


def payee_iban(given: str | None, on_record: str | None, payee_name: str) -> str:
    """The IBAN to pay to: the one given, else the payee's on record, checked and normalised;
    Invalid on `iban` when there is none or it is not valid."""
    iban = given or on_record
    if not iban:
        raise Invalid(
            f"{payee_name} has no IBAN on record; give one", field="iban", message="required"
        )
    try:
        return valid_iban(iban)
    except ValueError as exc:
        raise Invalid(f"{iban} is not a valid IBAN", field="iban", message=str(exc)) from exc


def refusal_note(note: str | None, reason: str) -> str:
    """The payment's note once refused: the reason after what was noted on entry."""
    return f"{note}; refused: {reason}" if note else reason
