"""A product definition as a product developer writes it (see docs/rating.md).

Pydantic checks the shape; `parse_definition` then checks what pydantic cannot see (references
between questions, factors and conditions), so a developer gets every problem at once, each
named by its dotted path in the JSON, and the rating engine can trust what it is given.
Money, rates and factors are `Decimal`: strings as written, JSON numbers via their text, never
through binary floating point.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

FREQUENCIES = {"annual": 1, "quarterly": 4, "monthly": 12}
"""Payment frequency → instalments a year."""

DERIVATIONS = ("age", "postcode_area")
"""The `by` values: how a factor or condition derives a number from an answer."""

Answer = date | Decimal | bool | str
"""A normalised answer: date questions give `date`, number `Decimal`, boolean `bool`, else `str`."""

CODE = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$"
KEY = r"^[A-Za-z_][A-Za-z0-9_]{0,63}$"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class InputError(ValueError):
    """Input a user can correct; `errors` are `{"field", "message"}` for a 422 answer."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))


class DefinitionError(InputError):
    """The product definition is invalid."""


def to_decimal(value: Any) -> Decimal:
    """A finite Decimal from a string or JSON number (floats via their text, so 0.1 is 0.1)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise ValueError('must be a number, preferably written as a string such as "0.21"')
    try:
        result = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None
    if not result.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return result


Dec = Annotated[Decimal, BeforeValidator(to_decimal)]
Share = Annotated[Decimal, BeforeValidator(to_decimal), Field(ge=0, le=1)]
NonNegative = Annotated[Decimal, BeforeValidator(to_decimal), Field(ge=0)]


class Model(BaseModel):
    """Unknown keys are refused: a misspelt `minimun` must not silently mean no minimum."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)


class Question(Model):
    key: str = Field(pattern=KEY)
    type: Literal["date", "text", "number", "choice", "boolean"]
    label: str = Field(min_length=1)
    required: bool = True
    pattern: str | None = None
    minimum: Dec | None = None
    maximum: Dec | None = None
    options: list[str] | None = None
    default: Any = None

    @model_validator(mode="after")
    def _consistent(self) -> "Question":
        if self.pattern is not None:
            if self.type != "text":
                raise ValueError("`pattern` is only for text questions")
            try:
                re.compile(self.pattern)
            except re.error as e:
                raise ValueError(f"`pattern` is not a valid regular expression: {e}") from None
        if (self.minimum is not None or self.maximum is not None) and self.type != "number":
            raise ValueError("`minimum` and `maximum` are only for number questions")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError("`minimum` is greater than `maximum`")
        if self.type == "choice":
            if not self.options:
                raise ValueError("a choice question needs `options`")
            if len(set(self.options)) != len(self.options):
                raise ValueError("`options` has duplicates")
        elif self.options is not None:
            raise ValueError("`options` is only for choice questions")
        if self.default is not None:
            try:
                self.default = self.coerce(self.default)
            except ValueError as e:
                raise ValueError(f"`default`: {e}") from None
        return self

    def coerce(self, value: Any) -> Answer:
        """The normalised answer, or ValueError saying what is wrong with it.

        Number questions also take numeric strings ("40000"): forms often send those, and the
        meaning is unambiguous. Booleans are never numbers, and only JSON booleans are booleans.
        """
        if self.type == "date":
            if isinstance(value, date):
                return value
            if not isinstance(value, str) or not ISO_DATE.match(value):
                raise ValueError("must be a date written as YYYY-MM-DD")
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{value!r} is not a valid date") from None
        if self.type == "number":
            number = to_decimal(value)
            if self.minimum is not None and number < self.minimum:
                raise ValueError(f"must be at least {self.minimum}")
            if self.maximum is not None and number > self.maximum:
                raise ValueError(f"must be at most {self.maximum}")
            return number
        if self.type == "boolean":
            if not isinstance(value, bool):
                raise ValueError("must be true or false")
            return value
        if not isinstance(value, str):
            raise ValueError("must be a string")
        if self.type == "choice" and value not in (self.options or []):
            raise ValueError(f"must be one of {', '.join(self.options or [])}")
        if self.pattern is not None and not re.search(self.pattern, value):
            raise ValueError(f"does not match the pattern {self.pattern}")
        return value


class Condition(Model):
    """Holds when the (derived) answer equals, is less than or is greater than a value."""

    question: str
    by: str | None = None
    equals: Any = None
    less_than: Dec | None = None
    greater_than: Dec | None = None

    @model_validator(mode="after")
    def _one_test(self) -> "Condition":
        given = [self.equals is not None, self.less_than is not None, self.greater_than is not None]
        if sum(given) != 1:
            raise ValueError(
                "a condition needs exactly one of `equals`, `less_than`, `greater_than`"
            )
        return self


class Range(Model):
    from_: Dec = Field(alias="from")
    to: Dec
    factor: NonNegative


class Factor(Model):
    """One of `{question, table}`, `{question, by?, ranges}` or `{when, factor}`."""

    question: str | None = None
    by: str | None = None
    table: dict[str, NonNegative] | None = None
    ranges: list[Range] | None = None
    when: Condition | None = None
    factor: NonNegative | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> "Factor":
        kinds = [self.table is not None, self.ranges is not None, self.when is not None]
        if sum(kinds) != 1:
            raise ValueError("a factor needs exactly one of `table`, `ranges` or `when`")
        if self.when is not None:
            if self.factor is None or self.question is not None or self.by is not None:
                raise ValueError("a `when` factor is `{when: condition, factor: F}`")
        elif self.question is None or self.factor is not None:
            raise ValueError("a `table` or `ranges` factor needs `question` and no `factor`")
        if self.table is not None and self.by is not None:
            raise ValueError("`by` works with `ranges`, not with `table`")
        return self


class Base(Model):
    """`{amount}` a year, or `{per, rate}`: the answer to a number question times the rate."""

    amount: NonNegative | None = None
    per: str | None = None
    rate: NonNegative | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> "Base":
        if (self.amount is None) == (self.per is None) or (self.per is None) != (self.rate is None):
            raise ValueError("the base is either `{amount}` or `{per, rate}`")
        return self


class Rating(Model):
    base: Base
    factors: list[Factor] = []
    minimum: NonNegative | None = None


CAUSE = r"^[a-z][a-z0-9_-]{1,39}$"
"""A cause of loss as the claims service names it (fire, storm, or a tenant's own)."""


class Coverage(Model):
    code: str = Field(pattern=CODE)
    name: str = Field(min_length=1)
    required: bool = False
    tax_rate: Share
    rating: Rating
    # The causes of loss this coverage pays for: a claim's coverage is chosen from its cause.
    # Left out, the product says nothing and the claims handler names the coverage.
    causes: list[Annotated[str, Field(pattern=CAUSE)]] = Field(default=[], max_length=50)


class Insurer(Model):
    code: str = Field(min_length=1)
    name: str = Field(min_length=1)


class AcceptanceRule(Model):
    when: Condition
    decision: Literal["accept", "refer", "decline"]
    reason: str = Field(min_length=1)


class ProductDefinition(Model):
    code: str = Field(pattern=CODE)
    name: str = Field(min_length=1)
    insurer: Insurer
    effective_from: date
    commission: Share
    frequencies: dict[str, Annotated[Decimal, BeforeValidator(to_decimal), Field(gt=0)]]
    questions: list[Question]
    coverages: list[Coverage] = Field(min_length=1)
    acceptance: list[AcceptanceRule] = []

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)

    def coverage(self, code: str) -> Coverage | None:
        return next((c for c in self.coverages if c.code == code), None)

    def to_json(self) -> dict[str, Any]:
        """The definition as JSON again (Decimals as strings); `parse_definition` reads it back."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


def parse_definition(data: Any) -> ProductDefinition:
    """A checked definition, or DefinitionError listing every problem by its field."""
    try:
        defn = ProductDefinition.model_validate(data)
    except ValidationError as e:
        raise DefinitionError([_pydantic_error(err) for err in e.errors()]) from None
    errors = _Checker(defn).run()
    if errors:
        raise DefinitionError(errors)
    return defn


VersionKey = tuple[str, str, int, int]


def version_key(row: Any) -> VersionKey:
    """A stored version's tenant, code, version and row version: a draft's row version changes
    with every edit, and a version out of draft never changes."""
    return (row.tenant_id, row.code, row.version, row.row_version)


K = TypeVar("K")
T = TypeVar("T")


class Kept(Generic[K, T]):
    """Values worked out once and kept by key, up to `most` (all forgotten beyond): what one
    process holds stays bounded whatever its callers ask for."""

    def __init__(self, most: int) -> None:
        self.most = most
        self._kept: dict[K, T] = {}

    def get(self, key: K) -> T | None:
        return self._kept.get(key)

    def keep(self, key: K, value: T) -> T:
        if len(self._kept) >= self.most:
            self._kept.clear()
        self._kept[key] = value
        return value


class KeptPerVersion(Generic[T]):
    """What is worked out once per stored version and kept (up to MAX, all forgotten beyond)."""

    MAX = 1024

    def __init__(self) -> None:
        self._kept: Kept[VersionKey, T] = Kept(self.MAX)

    def get(self, row: Any) -> T | None:
        return self._kept.get(version_key(row))

    def keep(self, row: Any, value: T) -> T:
        return self._kept.keep(version_key(row), value)


_PARSED: KeptPerVersion[ProductDefinition] = KeptPerVersion()


def stored_definition(row: Any) -> ProductDefinition:
    """The checked definition of a stored version, parsed once per edit of it: every quote
    used to validate the whole definition again. Read-only for callers."""
    found = _PARSED.get(row)
    return found if found is not None else _PARSED.keep(row, parse_definition(row.definition))


def _pydantic_error(err: Any) -> dict[str, str]:
    message = str(err["msg"]).removeprefix("Value error, ")
    return {"field": ".".join(str(p) for p in err["loc"]) or "definition", "message": message}


class _Checker:
    """Cross-references pydantic cannot check; normalises condition values on the way."""

    def __init__(self, defn: ProductDefinition) -> None:
        self.defn = defn
        self.errors: list[dict[str, str]] = []

    def add(self, field: str, message: str) -> None:
        self.errors.append({"field": field, "message": message})

    def run(self) -> list[dict[str, str]]:
        d = self.defn
        self._unique("questions", [q.key for q in d.questions], "key", "question key")
        self._unique("coverages", [c.code for c in d.coverages], "code", "coverage code")
        for name in d.frequencies:
            if name not in FREQUENCIES:
                self.add(f"frequencies.{name}", f"unknown frequency; use {', '.join(FREQUENCIES)}")
        if "annual" not in d.frequencies:
            self.add("frequencies", "`annual` is required")
        for i, cov in enumerate(d.coverages):
            self._rating(f"coverages.{i}.rating", cov.rating)
            self._unique(f"coverages.{i}.causes", cov.causes, "", "cause")
        for i, rule in enumerate(d.acceptance):
            self._condition(f"acceptance.{i}.when", rule.when)
        return self.errors

    def _unique(self, path: str, values: list[str], attr: str, what: str) -> None:
        seen: set[str] = set()
        for i, value in enumerate(values):
            if value in seen:
                field = f"{path}.{i}.{attr}" if attr else f"{path}.{i}"
                self.add(field, f"duplicate {what} {value!r}")
            seen.add(value)

    def _question(self, path: str, key: str) -> Question | None:
        q = self.defn.question(key)
        if q is None:
            known = ", ".join(q.key for q in self.defn.questions) or "none"
            self.add(path, f"unknown question {key!r}; the questions are {known}")
        return q

    def _rating(self, path: str, rating: Rating) -> None:
        if rating.base.per is not None:
            q = self._question(f"{path}.base.per", rating.base.per)
            if q is not None and q.type != "number":
                self.add(f"{path}.base.per", f"{q.key!r} is a {q.type} question, not a number")
            elif q is not None and not q.required and q.default is None:
                self.add(f"{path}.base.per", f"{q.key!r} must be required or have a default")
        for i, factor in enumerate(rating.factors):
            self._factor(f"{path}.factors.{i}", factor)

    def _factor(self, path: str, f: Factor) -> None:
        if f.when is not None:
            self._condition(f"{path}.when", f.when)
            return
        assert f.question is not None
        q = self._question(f"{path}.question", f.question)
        if q is None:
            return
        if f.table is not None:
            self._table(f"{path}.table", q, f.table)
        elif f.ranges is not None and self._derivation(path, q, f.by):
            self._ranges(f"{path}.ranges", f.ranges)

    def _table(self, path: str, q: Question, table: dict[str, Decimal]) -> None:
        allowed = {"choice": q.options or [], "boolean": ["true", "false"]}.get(q.type)
        if q.type in ("date", "number"):
            use = f"{q.key!r} is a {q.type} question (use `ranges`)"
            self.add(path, f"a table needs a choice, boolean or text question; {use}")
        elif allowed is not None:
            for key in table:
                if key not in allowed:
                    self.add(f"{path}.{key}", f"not an answer to {q.key!r}: {', '.join(allowed)}")

    def _derivation(self, path: str, q: Question, by: str | None) -> bool:
        """Whether `by` can derive a number from `q`'s answer (or `q` is a number itself)."""
        needs = {"age": "date", "postcode_area": "text", None: "number"}
        if by is not None and by not in DERIVATIONS:
            self.add(f"{path}.by", f"unknown {by!r}; use {' or '.join(DERIVATIONS)}")
            return False
        if q.type != needs[by]:
            what = f"`by: {by}`" if by else "without `by`, this"
            message = f"{what} needs a {needs[by]} question; {q.key!r} is a {q.type} question"
            self.add(f"{path}.by" if by else f"{path}.question", message)
            return False
        return True

    def _ranges(self, path: str, ranges: list[Range]) -> None:
        for i, r in enumerate(ranges):
            if r.from_ > r.to:
                self.add(f"{path}.{i}", f"`from` {r.from_} is greater than `to` {r.to}")
        widest: int | None = None  # the range reaching furthest so far, in order of `from`
        for i in sorted(range(len(ranges)), key=lambda i: ranges[i].from_):
            if widest is not None and ranges[i].from_ <= ranges[widest].to:
                first, second = sorted((i, widest))
                other = ranges[first]
                message = (
                    f"overlaps range {first} ({other.from_} to {other.to}; bounds are inclusive)"
                )
                self.add(f"{path}.{second}", message)
            if widest is None or ranges[i].to > ranges[widest].to:
                widest = i

    def _condition(self, path: str, c: Condition) -> None:
        q = self._question(f"{path}.question", c.question)
        if q is None:
            return
        if c.equals is None:
            self._derivation(path, q, c.by)
        elif c.by is not None:
            if self._derivation(path, q, c.by):
                try:
                    c.equals = to_decimal(c.equals)
                except ValueError as e:
                    self.add(f"{path}.equals", str(e))
        else:
            try:
                c.equals = q.coerce(c.equals)
            except ValueError as e:
                self.add(f"{path}.equals", f"not an answer to {q.key!r}: {e}")
