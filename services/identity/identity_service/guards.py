"""Role checks for the administration routes (they are role-guarded, not module rights)."""

from servicekit.context_token import RequestContext
from servicekit.problems import Problem

OPERATOR_ROLE = "platform-operator"


def require_operator(ctx: RequestContext) -> None:
    if OPERATOR_ROLE not in ctx.roles:
        raise Problem(403, "Only a platform operator may do this")
