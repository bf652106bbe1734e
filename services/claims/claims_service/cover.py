"""What a policy covered on a date, from the claims service's read model of the policy (pure).

A policy covers from its start date until the day its cancellation takes effect; without a
cancellation it runs on, since terms renew tacitly. Within that, the timeline entry in force on
the date names the coverages."""

from datetime import date
from typing import Any, NamedTuple


class Uncovered(NamedTuple):
    field: str  # the claim field at fault: loss_date or coverage
    reason: str


def state_on(start: date, ends: date | None, timeline: list[dict[str, Any]], on: date) -> Any:
    """The timeline entry in force on `on`, or None when the policy did not run that day."""
    if on < start or (ends is not None and on >= ends):
        return None
    in_force = [e for e in timeline if date.fromisoformat(e["from"]) <= on]
    return max(in_force, key=lambda e: e["from"]) if in_force else None


def uncovered(
    start: date, ends: date | None, timeline: list[dict[str, Any]], on: date, coverage: str
) -> Uncovered | None:
    """Why `coverage` was not covered on `on`, or None when it was."""
    state = state_on(start, ends, timeline, on)
    if state is None:
        until = f" until {ends}" if ends else ""
        return Uncovered(
            "loss_date", f"the loss date {on} is outside the policy period (from {start}{until})"
        )
    if coverage not in state["coverages"]:
        held = ", ".join(state["coverages"]) or "none"
        return Uncovered(
            "coverage", f"the policy did not cover {coverage} on {on} (it covered {held})"
        )
    return None
