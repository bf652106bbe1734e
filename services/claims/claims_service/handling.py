"""The claim's handling as a claims department runs it (pure): which status may follow which.

reported → in treatment → (awaiting information ↔ in treatment) → accepted / rejected → paid →
closed; a rejected claim is closed without payment, and a closed claim can be reopened (back
into treatment)."""

from servicekit.problems import Problem

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


def check_transition(current: str, to: str) -> None:
    """409 naming the allowed next statuses, when `to` may not follow `current`."""
    if to not in NEXT.get(current, frozenset()):
        allowed = ", ".join(sorted(NEXT.get(current, frozenset()))) or "none"
        raise Problem(
            409, f"A claim that is {current} cannot become {to}; it can become: {allowed}"
        )
