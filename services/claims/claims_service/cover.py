"""What a policy covered on a date, and under which coverage a loss falls, from the claims
service's read model of the policy (pure).

A policy covers from its start date until the day its cancellation takes effect; without a
cancellation it runs on, since terms renew tacitly. Within that, the timeline entry in force on
the date names the coverages in cover (required ones included) and, per coverage, the causes of
loss its product says it pays for. A loss falls under the coverage that pays for its cause;
where several could, or the product does not say, the handler names one: never a silent pick."""

from datetime import date
from typing import Any, NamedTuple


class Uncovered(NamedTuple):
    field: str  # the claim field at fault: loss_date, coverage or cause
    reason: str


class Choice(NamedTuple):
    """The coverage a claim falls under (None: the handler must name one of `options`), and
    why it was not covered (None when it was)."""

    coverage: str | None
    gap: Uncovered | None
    options: list[str]


def state_on(start: date, ends: date | None, timeline: list[dict[str, Any]], on: date) -> Any:
    """The timeline entry in force on `on`, or None when the policy did not run that day."""
    if on < start or (ends is not None and on >= ends):
        return None
    in_force = [e for e in timeline if date.fromisoformat(e["from"]) <= on]
    return max(in_force, key=lambda e: e["from"]) if in_force else None


def choose_coverage(
    start: date,
    ends: date | None,
    timeline: list[dict[str, Any]],
    on: date,
    cause: str,
    named: str | None,
) -> Choice:
    """The coverage a loss of `cause` on `on` falls under, `named` by the handler or not."""
    state = state_on(start, ends, timeline, on)
    if state is None:
        until = f" until {ends}" if ends else ""
        reason = f"the loss date {on} is outside the policy period (from {start}{until})"
        return Choice(named, Uncovered("loss_date", reason), [])
    held: list[str] = list(state["coverages"])
    causes: dict[str, list[str]] = state.get("causes", {})
    if named is not None:
        if named not in held:
            covered = ", ".join(held) or "none"
            reason = f"the policy did not cover {named} on {on} (it covered {covered})"
            return Choice(named, Uncovered("coverage", reason), held)
        if causes.get(named) and cause not in causes[named]:
            reason = f"{named} does not pay for {cause} (it pays for {', '.join(causes[named])})"
            return Choice(named, Uncovered("cause", reason), held)
        return Choice(named, None, held)
    paying = [c for c in held if cause in causes.get(c, [])]
    # Where the product names no causes for a coverage, it may apply: the handler decides.
    candidates = paying or [c for c in held if not causes.get(c)]
    if len(candidates) == 1:
        return Choice(candidates[0], None, candidates)
    if candidates:
        return Choice(None, None, candidates)
    reason = (
        f"no coverage in force on {on} pays for {cause} (it covered {', '.join(held) or 'none'})"
    )
    return Choice(None, Uncovered("cause", reason), held)
