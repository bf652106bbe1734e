"""Suggestions for an unmatched receipt, best first, each with the reasons a person would give:
the structured reference or end-to-end id naming an invoice, invoice or policy numbers in the
remittance text, the payer's IBAN known on a relation, the exact amount of one open item, or a
combination of one relation's open items adding up to the amount (subset sum over at most
MAX_SUBSET items, so it stays fast). Pure: the caller brings the candidates."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

MAX_SUBSET = 16
LIMIT = 5


@dataclass(frozen=True)
class Receipt:
    amount: Decimal
    counterparty_iban: str | None
    end_to_end_id: str | None
    structured_reference: str | None
    remittance: str | None


@dataclass(frozen=True)
class Item:
    id: str
    relation_id: str
    reference: str  # the invoice number
    description: str  # names the policy number
    remaining: Decimal


@dataclass(frozen=True)
class Suggestion:
    relation_id: str
    allocations: tuple[tuple[str, Decimal], ...]
    reasons: tuple[str, ...]
    score: int

    @property
    def total(self) -> Decimal:
        return sum((amount for _, amount in self.allocations), Decimal(0))


def _fill(items: Sequence[Item], amount: Decimal) -> tuple[tuple[str, Decimal], ...]:
    """Allocate `amount` over `items` in order, each up to what it has open."""
    left, allocations = amount, []
    for item in items:
        if left <= 0:
            break
        part = min(item.remaining, left)
        allocations.append((item.id, part))
        left -= part
    return tuple(allocations)


def subset_summing_to(items: Sequence[Item], amount: Decimal) -> list[Item] | None:
    """Some of `items` (the oldest MAX_SUBSET) whose remaining amounts add up to `amount`
    exactly, by a dynamic programme over reachable sums (in cents)."""
    target = int(amount * 100)
    reachable: dict[int, tuple[int, ...]] = {0: ()}
    for index, item in enumerate(items[:MAX_SUBSET]):
        cents = int(item.remaining * 100)
        for total, chosen in list(reachable.items()):
            new = total + cents
            if new <= target and new not in reachable:
                reachable[new] = (*chosen, index)
        if target in reachable:
            return [items[i] for i in reachable[target]]
    return None


def numbers_in(text: str | None) -> set[str]:
    return {word.upper() for word in re.findall(r"[A-Za-z]*[0-9]{4,}", text or "")}


def suggest(
    receipt: Receipt,
    items: Iterable[Item],
    relations_by_iban: dict[str, str],
    limit: int = LIMIT,
) -> list[Suggestion]:
    items = [i for i in items if i.remaining > 0]
    by_relation: dict[str, list[Item]] = {}
    for item in items:
        by_relation.setdefault(item.relation_id, []).append(item)
    found: list[Suggestion] = []

    def add(relation: str, chosen: Sequence[Item], reasons: list[str], score: int) -> None:
        allocations = _fill(chosen, receipt.amount)
        if allocations:
            found.append(Suggestion(relation, allocations, tuple(reasons), score))

    references = {r.upper() for r in (receipt.structured_reference, receipt.end_to_end_id) if r}
    named = [i for i in items if i.reference.upper() in references]
    if named:
        add(named[0].relation_id, named, ["the payment reference names the invoice"], 100)
    payer = relations_by_iban.get((receipt.counterparty_iban or "").upper())
    numbers = numbers_in(receipt.remittance)
    in_text = [
        i for i in items if i.reference.upper() in numbers or numbers_in(i.description) & numbers
    ]
    if in_text:
        relation = in_text[0].relation_id
        named_here = [i for i in in_text if i.relation_id == relation]
        reasons = ["invoice or policy numbers in the remittance text"]
        if relation == payer:
            # What the text names first, then the payer's other items, oldest first.
            named_here += [i for i in by_relation[relation] if i not in named_here]
            reasons.append("the payer's IBAN is known on this relation")
        add(relation, named_here, reasons, 110 if relation == payer else 80)
    for relation, own in by_relation.items():
        reasons = ["the payer's IBAN is known on this relation"] if relation == payer else []
        bonus = 30 if relation == payer else 0
        exact = [i for i in own if i.remaining == receipt.amount]
        if exact:
            add(relation, exact[:1], [*reasons, "the exact amount of one open item"], 50 + bonus)
            continue
        subset = subset_summing_to(own, receipt.amount)
        if subset:
            add(
                relation,
                subset,
                [*reasons, f"{len(subset)} open items add up to the amount"],
                45 + bonus,
            )
        elif relation == payer:
            add(relation, own, reasons, 30)
    # Best first; the same allocations once, under their best reasons.
    best: dict[tuple[tuple[str, Decimal], ...], Suggestion] = {}
    for s in sorted(found, key=lambda s: -s.score):
        best.setdefault(s.allocations, s)
    return sorted(best.values(), key=lambda s: (-s.score, -s.total))[:limit]
