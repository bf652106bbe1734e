"""A domain rule saying no, without HTTP in it. Pure rule modules (`claim_status`,
`payment_rules`, `settlement_rules`, `statement_booking` …) raise one of these with the text a
person reads; the edge answers it as a problem document (`servicekit.problems.problem_for`: a
`Conflict` is 409, `NotPermitted` 403, `Invalid` 422 naming its field, `NotFound` 404)."""


class Refusal(Exception):
    """A rule refuses: `detail` says why; `field` and `message` name the value at fault, if one
    is."""

    def __init__(self, detail: str, *, field: str | None = None, message: str | None = None):
        super().__init__(detail)
        self.detail = detail
        self.field = field
        self.message = message

    @property
    def errors(self) -> list[dict[str, str]] | None:
        """`[{field, message}]` when the refusal names a value, else None."""
        if self.field is None:
            return None
        return [{"field": self.field, "message": self.message or self.detail}]


class Conflict(Refusal):
    """The state of things does not allow it now (a payment decided already, a period settled)."""


class NotPermitted(Refusal):
    """This person may not do it (approving their own payment, setting their own limit)."""


class Invalid(Refusal):
    """A value given is wrong (an amount above the open reserve, a period that ends before it
    begins)."""


class NotFound(Refusal):
    """What the request names is not there (no insurer of that name)."""
