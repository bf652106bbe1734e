"""The life of a product version: draft → submitted → approved (by someone who did not write it;
a rejection sends it back to draft) → test → live → withdrawn. A version that left draft is never
edited again; a change is a new version."""

from servicekit.problems import Problem

STEPS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({"draft"}), "submitted"),
    "approve": (frozenset({"submitted"}), "approved"),
    "reject": (frozenset({"submitted"}), "draft"),
    "test": (frozenset({"approved"}), "test"),
    "publish": (frozenset({"test"}), "live"),
    "withdraw": (frozenset({"approved", "test", "live"}), "withdrawn"),
}


def next_status(step: str, current: str) -> str:
    """The status after `step`, or a 409 naming what the version is and what the step needs."""
    allowed, target = STEPS[step]
    if current not in allowed:
        needed = " or ".join(sorted(allowed))
        raise Problem(409, f"Cannot {step} a version that is {current}; it must be {needed}")
    return target


def check_four_eyes(step: str, actor: str, authors: list[str]) -> None:
    if step == "approve" and actor in authors:
        raise Problem(403, "You wrote this version: another authorised person must approve it")
