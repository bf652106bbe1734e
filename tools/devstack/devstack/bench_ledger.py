"""Ledger figures for `make bench`.

Booking from events: `invoice.issued` events of a tenant registered through the gateway are
written into the policy service's outbox in one transaction (the rows its invoicing writes
through `servicekit.outbox.add_events`); the policy service's own relay hands them to JetStream
and the ledger's consumer `ledger-premiums` books each in its own transaction with its inbox
row. Timed from the commit of the outbox rows until the last entry is in the ledger database.
Beside it, the baseline: the same rows (entries, lines, open items) as plain INSERT statements
(asyncpg executemany) in one transaction into the same tables of the same PostgreSQL. Every
statement the bench sends straight to a database is built from the services' own `tables.py`
(`bench_sql`), so `tests/integration/test_bench_seeding.py` catches a column it still names
after a migration renamed it.

Suggestions for receipts: relations with IBANs, a million open debtor items and the opening
entries they were taken over by, copied straight into the ledger database (COPY); ten thousand
receipts imported through the gateway as daily CSV statements; then the suggestions endpoint's
own function for every receipt in process (its throughput), a sample through the gateway (the
latency a user sees), and whether the first suggestion is the one the receipt was made for.
Beside it, the baseline: one indexed SELECT of each receipt's candidate items.
"""

import asyncio
import csv
import io
import json
import random
import statistics
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import jsonschema
import nats
from sqlalchemy import ARRAY, Text, any_, bindparam, func, literal_column, or_, select

from devstack.bench_sql import as_tenant, copy_rows, insert_sql, sql
from devstack.demo import password_token
from devstack.postgres import Postgres
from devstack.stack import Stack
from ledger_service.premiums import insurer_relation, premium_postings
from ledger_service.statements import CSV_COLUMNS
from ledger_service.tables import (
    bank_lines,
    entry_numbers,
    journal_entries,
    journal_lines,
    known_relations,
    open_items,
)
from policy_service.invoicing import document_events
from policy_service.tables import outbox as policy_outbox
from servicekit.db import TENANT_SETTING
from servicekit.events import Event
from servicekit.outbox import ask_to_relay

SCHEMAS = Path(__file__).resolve().parents[3] / "contracts" / "events"
INSURER = {"code": "VVNV", "name": "Voorbeeld Verzekeringen N.V."}
CENT = Decimal("0.01")


def register_tenant(stack: Stack, name: str) -> str:
    """A new tenant through the gateway; its slug once the ledger has opened its chart."""
    slug = f"bench-{uuid.uuid4().hex[:8]}"
    auth = {"Authorization": f"Bearer {password_token(stack.keycloak.url, 'operator', 'operator')}"}
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as gw:
        made = gw.post(
            "/api/identity/tenants", json={"slug": slug, "name": f"{name} ({slug})"}, headers=auth
        )
        made.raise_for_status()
        tenant = {**auth, "X-Tenant": slug}
        deadline = time.monotonic() + 60
        while not gw.get("/api/ledger/accounts", headers=tenant).json().get("items"):
            if time.monotonic() > deadline:
                raise RuntimeError(f"the ledger opened no chart for {slug}")
            time.sleep(0.05)
    return slug


def _money(value: Decimal) -> str:
    return str(value.quantize(CENT))


def invoice_data(
    number: int, holder: str, policy: int, net: Decimal, today: date
) -> dict[str, Any]:
    """The data of one monthly premium invoice as the policy service publishes it."""
    commission = (net * Decimal("0.20")).quantize(CENT)
    tax = (net * Decimal("0.21")).quantize(CENT)
    start = today.replace(day=1)
    end = (start + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    return {
        "invoice_id": str(uuid.uuid4()),
        "number": f"INV{number:07d}",
        "kind": "invoice",
        "policy_id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"policy/{policy}")),
        "policy_number": f"P{policy:07d}",
        "holder_id": holder,
        "insurer": INSURER,
        "client_id": None,
        "reason": "billing",
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "issue_date": today.isoformat(),
        "due_date": (today + timedelta(days=14)).isoformat(),
        "currency": "EUR",
        "net": _money(net),
        "commission": _money(commission),
        "tax": _money(tax),
        "total": _money(net + tax),
        "lines": [
            {
                "coverage": "BASIC",
                "net": _money(net),
                "commission": _money(commission),
                "tax": _money(tax),
            }
        ],
        "test": False,
    }


def invoice_events(tenant: str, count: int) -> list[Event]:
    """`count` invoices over count/10 policyholders, net monthly premiums from 4.50 to 95.00."""
    today = date.today()
    holders = [str(uuid.uuid4()) for _ in range(max(count // 10, 1))]
    events = []
    for n in range(count):
        net = Decimal(450 + (n * 7919) % 9050) / 100
        data = invoice_data(n + 1, holders[n % len(holders)], 1 + n % len(holders), net, today)
        events.append(Event.new("policy", "invoice.issued", tenant, data))
    schema = json.loads((SCHEMAS / "invoice.issued.schema.json").read_text())
    jsonschema.validate(events[0].to_json(), schema)
    return events


async def consumers_idle(stack: Stack, durable: str | None = None, seconds: float = 900) -> None:
    """Wait until `durable` (every consumer of the events, when None) has nothing left to do:
    earlier parts of the bench, and the setting up of the next, publish too."""
    nc = await nats.connect(stack.nats.url)
    try:
        js = nc.jetstream()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if durable is None:
                infos = await js.consumers_info("EVENTS")
            else:
                infos = [await js.consumer_info("EVENTS", durable)]
            if all(i.num_pending == 0 and i.num_ack_pending == 0 for i in infos):
                return
            await asyncio.sleep(1)
        who = durable or "every consumer"
        raise RuntimeError(f"{who} still busy after {seconds:.0f} s")
    finally:
        await nc.close()


def ledger_dsn(postgres: Postgres) -> str:
    """The ledger service's own login (row-level security applies)."""
    return postgres.url("ledger", "ledger", "ledger", driver="")


def policy_dsn(postgres: Postgres) -> str:
    return postgres.url("policy", "policy", "policy", driver="")


PREMIUM_ENTRIES, _ = sql(
    select(func.count()).select_from(journal_entries).where(journal_entries.c.source == "premium")
)
UNPUBLISHED, _ = sql(
    select(func.count()).select_from(policy_outbox).where(policy_outbox.c.published_at.is_(None))
)


async def _count_premium_entries(conn: asyncpg.Connection, tenant: str) -> int:
    async with conn.transaction():
        await as_tenant(conn, tenant)
        count: int = await conn.fetchval(PREMIUM_ENTRIES, "premium")
    return count


@dataclass
class Booking:
    events: int
    lines: int
    seconds: float
    relayed_seconds: float
    bundles: int
    bundled_seconds: float
    bundled_relayed_seconds: float
    baseline_seconds: float

    def __str__(self) -> str:
        return (
            f"book {self.events} invoice.issued events (policy outbox, relay, JetStream,"
            f" consumer ledger-premiums; {self.lines} lines):"
            f" {self.seconds:.1f} s, {self.events / self.seconds:.0f} entries/s,"
            f" {self.lines / self.seconds:.0f} lines/s"
            f" (outbox handed to NATS after {self.relayed_seconds:.1f} s)\n"
            f"  the same documents in {self.bundles} invoices.issued events, as a renewal run"
            f" publishes them (consumer ledger-premium-bundles): {self.bundled_seconds:.1f} s,"
            f" {self.events / self.bundled_seconds:.0f} entries/s"
            f" (relayed after {self.bundled_relayed_seconds:.1f} s)\n"
            f"  baseline, the same rows as plain INSERTs (asyncpg executemany, one transaction):"
            f" {self.baseline_seconds:.1f} s, {self.events / self.baseline_seconds:.0f} entries/s,"
            f" {self.lines / self.baseline_seconds:.0f} lines/s"
        )


OUTBOX_COLUMNS = [
    policy_outbox.c.id,
    policy_outbox.c.tenant_id,
    policy_outbox.c.subject,
    policy_outbox.c.type,
    policy_outbox.c.payload,
    policy_outbox.c.headers,
]


async def write_policy_outbox(conn: asyncpg.Connection, events: list[Event]) -> None:
    """`events` as rows of the policy service's outbox, as its invoicing writes them (through
    `servicekit.outbox.add_events`), in one transaction; its relay publishes them."""
    rows = [
        (uuid.UUID(e.id), e.tenant, e.subject, e.type, json.dumps(e.to_json()), "{}")
        for e in events
    ]
    async with conn.transaction():
        await copy_rows(conn, OUTBOX_COLUMNS, rows)


async def _book_from_events(
    stack: Stack, tenant: str, events: list[Event], documents: int
) -> tuple[float, float]:
    """Seconds from the outbox commit until the outbox is relayed, and until all `documents`
    the events carry are booked."""
    policy = await asyncpg.connect(policy_dsn(stack.postgres))
    ledger = await asyncpg.connect(ledger_dsn(stack.postgres))
    try:
        await write_policy_outbox(policy, events)
        committed = time.perf_counter()
        # The service's own commit wakes its relay; rows written from here, the relay is asked
        # to take as the renewal command asks it (else it found them at its next poll: at rest,
        # up to two seconds later).
        nc = await nats.connect(stack.nats.url)
        try:
            await ask_to_relay(nc, "policy")
        finally:
            await nc.close()
        relayed = 0.0
        while True:
            if not relayed and not await policy.fetchval(UNPUBLISHED):
                relayed = time.perf_counter() - committed
            if await _count_premium_entries(ledger, tenant) >= documents:
                return relayed or time.perf_counter() - committed, time.perf_counter() - committed
            await asyncio.sleep(0.2)
    finally:
        await policy.close()
        await ledger.close()


PLAIN_ENTRY = [
    journal_entries.c.tenant_id,
    journal_entries.c.id,
    journal_entries.c.number,
    journal_entries.c.entry_date,
    journal_entries.c.description,
    journal_entries.c.source,
    journal_entries.c.event_id,
    journal_entries.c.created_by,
]
PLAIN_LINE = [
    journal_lines.c.tenant_id,
    journal_lines.c.entry_id,
    journal_lines.c.line_no,
    journal_lines.c.account_code,
    journal_lines.c.debit,
    journal_lines.c.credit,
    journal_lines.c.relation_id,
    journal_lines.c.item_id,
    journal_lines.c.description,
]
PLAIN_ITEM = [
    open_items.c.tenant_id,
    open_items.c.id,
    open_items.c.ledger,
    open_items.c.relation_id,
    open_items.c.relation_name,
    open_items.c.reference,
    open_items.c.description,
    open_items.c.item_date,
    open_items.c.due_date,
    open_items.c.amount,
    open_items.c.remaining,
    open_items.c.entry_id,
    open_items.c.policy_number,
]


def _rows(tenant: str, events: list[Event]) -> tuple[list[Any], list[Any], list[Any]]:
    """What booking `events` writes: entries, lines and open items, as tuples in the order of
    PLAIN_ENTRY, PLAIN_LINE and PLAIN_ITEM."""
    entries, lines, items = [], [], []
    for number, event in enumerate(events, start=1):
        data = event.data
        entry, debtor, creditor = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        day = date.fromisoformat(data["issue_date"])
        due = date.fromisoformat(data["due_date"])
        description = f"invoice {data['number']}"
        event_id = uuid.UUID(event.id)
        entries.append((tenant, entry, number, day, description, "premium", event_id, "bench"))
        for n, p in enumerate(premium_postings(data, str(debtor), str(creditor)), start=1):
            item = uuid.UUID(p.item_id) if p.item_id else None
            lines.append(
                (tenant, entry, n, p.account, p.debit, p.credit, p.relation_id, item, p.description)
            )
        text = f"invoice policy {data['policy_number']}"
        total = Decimal(data["total"])
        share = Decimal(data["net"]) - Decimal(data["commission"])
        holder = data["holder_id"]
        insurer = insurer_relation(INSURER)
        for item_id, ledger, relation, name, amount in (
            (debtor, "debtors", holder, holder, total),
            (creditor, "creditors", insurer, INSURER["name"], share),
        ):
            items.append(
                (
                    *(tenant, item_id, ledger, relation, name, data["number"], text, day, due),
                    *(amount, amount, entry, data["policy_number"]),
                )
            )
    return entries, lines, items


async def plain_inserts(postgres: Postgres, tenant: str, events: list[Event]) -> float:
    """The baseline: what booking `events` writes, as plain INSERTs (asyncpg executemany) in one
    transaction as the ledger's own login; the seconds it took."""
    entries, lines, items = _rows(tenant, events)
    conn = await asyncpg.connect(ledger_dsn(postgres))
    try:
        started = time.perf_counter()
        async with conn.transaction():
            await as_tenant(conn, tenant)
            await conn.executemany(insert_sql(PLAIN_ENTRY), entries)
            await conn.executemany(insert_sql(PLAIN_ITEM), items)
            await conn.executemany(insert_sql(PLAIN_LINE), lines)
        return time.perf_counter() - started
    finally:
        await conn.close()


def measure_booking(stack: Stack, count: int = 20_000) -> Booking:
    tenant = register_tenant(stack, "Bench booking")
    events = invoice_events(tenant, count)
    asyncio.run(consumers_idle(stack, "ledger-premiums"))
    relayed, booked = asyncio.run(_book_from_events(stack, tenant, events, count))
    lines = sum(len(premium_postings(e.data, "", "")) for e in events)
    # The same documents as a renewal run publishes them: a hundred to an `invoices.issued`.
    bundled_tenant = register_tenant(stack, "Bench bundles")
    documents = [e.data for e in invoice_events(bundled_tenant, count)]
    bundles = document_events(bundled_tenant, documents, bundle=True)
    asyncio.run(consumers_idle(stack, "ledger-premium-bundles"))
    bundle_relayed, bundle_booked = asyncio.run(
        _book_from_events(stack, bundled_tenant, bundles, count)
    )
    baseline_tenant = register_tenant(stack, "Bench baseline")
    baseline = asyncio.run(plain_inserts(stack.postgres, baseline_tenant, events))
    return Booking(
        count, lines, booked, relayed, len(bundles), bundle_booked, bundle_relayed, baseline
    )


# -- suggestions for receipts -------------------------------------------------------------------

SURNAMES = (
    "de Vries", "Jansen", "de Jong", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
    "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs", "van Dijk", "Vermeulen",
)  # fmt: skip
BANKS = ("ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ")


def dutch_iban(bank: str, account: int) -> str:
    """A Dutch IBAN with correct check digits (ISO 13616, mod 97)."""
    bban = f"{bank}{account:010d}"
    digits = "".join(str(int(c, 36)) for c in bban + "NL00")
    return f"NL{98 - int(digits) % 97:02d}{bban}"


@dataclass(frozen=True)
class Policy:
    number: str
    premium: Decimal  # a month
    months: int  # open invoices, the oldest first


@dataclass
class Relation:
    id: str
    name: str
    iban: str
    entry_id: uuid.UUID
    policies: list[Policy]
    # Filled while the items are copied, for the relations receipts are made for:
    # per policy, its items (due date, invoice number, id, remaining), the oldest first.
    items: dict[str, list[tuple[date, str, str, Decimal]]] | None = None

    @property
    def total(self) -> Decimal:
        return sum((p.premium * p.months for p in self.policies), Decimal("0.00"))


def _months_back(today: date, back: int) -> date:
    month = today.year * 12 + today.month - 1 - back
    return date(month // 12, month % 12 + 1, 1)


def plan_relations(rng: random.Random, relations: int, items: int) -> list[Relation]:
    """`relations` policyholders with `items` open invoices between them: one to three policies
    each, a monthly premium per policy (most from a few hundred common tariffs, as a product's
    price is shared by many policies), so many items share an amount."""
    tariffs = [Decimal(rng.randrange(450, 9500)) / 100 for _ in range(300)]
    average = items // relations
    counts = []
    for _ in range(relations // 2):  # pairs around the average keep the exact total
        spread = rng.randint(0, average - 1)
        counts += [average - spread, average + spread]
    counts += [average] * (relations - len(counts))
    counts[-1] += items - sum(counts)
    planned = []
    policy_number = 0
    for n, count in enumerate(counts):
        policies = []
        splits = sorted(rng.sample(range(1, count), min(rng.randint(0, 2), count - 1)))
        for months in (b - a for a, b in zip([0, *splits], [*splits, count], strict=True)):
            policy_number += 1
            premium = (
                rng.choice(tariffs)
                if rng.random() < 0.6
                else Decimal(rng.randrange(450, 15000)) / 100
            )
            policies.append(Policy(f"P{policy_number:07d}", premium, months))
        name = f"{rng.choice('ABCDEFGHIJKLMNOPRSTW')}. {rng.choice(SURNAMES)}"
        iban = dutch_iban(BANKS[n % len(BANKS)], 100_000_000 + n * 37)
        planned.append(Relation(str(uuid.uuid4()), name, iban, uuid.uuid4(), policies))
    return planned


def _open_items(tenant: str, planned: list[Relation], today: date) -> Iterator[tuple[Any, ...]]:
    """Every relation's open invoices, as rows of `open_items`; remembers those of relations
    that `items` was set on (the ones receipts are made for)."""
    number = 0
    for relation in planned:
        for policy in relation.policies:
            for back in range(policy.months - 1, -1, -1):
                number += 1
                item_id, reference = uuid.uuid4(), f"INV{number:07d}"
                day = _months_back(today, back)
                due = day + timedelta(days=14)
                if relation.items is not None:
                    relation.items.setdefault(policy.number, []).append(
                        (due, reference, str(item_id), policy.premium)
                    )
                yield (
                    *(tenant, item_id, "debtors", relation.id, relation.name, reference),
                    *(f"invoice policy {policy.number}", day, due),
                    *(policy.premium, policy.premium, relation.entry_id, policy.number),
                )


RELATION_COLUMNS = [
    known_relations.c.tenant_id,
    known_relations.c.relation_id,
    known_relations.c.name,
    known_relations.c.iban,
]
ENTRY_COLUMNS = [*PLAIN_ENTRY[:6], journal_entries.c.created_by]
LINE_COLUMNS = [*PLAIN_LINE[:7], journal_lines.c.description]
ITEM_COLUMNS = PLAIN_ITEM
ENTRY_NUMBERS = [entry_numbers.c.tenant_id, entry_numbers.c.last]
SEEDED = (known_relations, journal_entries, journal_lines, open_items)


async def seed_open_items(postgres: Postgres, tenant: str, planned: list[Relation]) -> None:
    """The relations (names, IBANs) and their open items with the opening entries they were
    taken over by, copied straight into the ledger database. COPY runs as the database's
    superuser (row-level security refuses COPY FROM to the service's role); the tables'
    triggers and foreign keys check every row all the same."""
    today = date.today()
    opened = today.replace(day=1)
    conn = await asyncpg.connect(postgres.superuser_dsn("ledger"))
    try:
        async with conn.transaction():
            await copy_rows(
                conn, RELATION_COLUMNS, [(tenant, r.id, r.name, r.iban) for r in planned]
            )
            await copy_rows(
                conn,
                ENTRY_COLUMNS,
                [
                    (
                        tenant,
                        r.entry_id,
                        n,
                        opened,
                        "Opening balance taken over",
                        "opening",
                        "bench",
                    )
                    for n, r in enumerate(planned, start=1)
                ],
            )
            await conn.execute(insert_sql(ENTRY_NUMBERS), tenant, len(planned))
            zero = Decimal("0.00")
            await copy_rows(
                conn,
                LINE_COLUMNS,
                [
                    line
                    for r in planned
                    for line in (
                        (tenant, r.entry_id, 1, "1300", r.total, zero, r.id, "Opening balance"),
                        (tenant, r.entry_id, 2, "0900", zero, r.total, None, "Opening balance"),
                    )
                ],
            )
            await copy_rows(conn, ITEM_COLUMNS, _open_items(tenant, planned, today))
        await conn.execute(f"analyze {', '.join(t.name for t in SEEDED)}")
    finally:
        await conn.close()


@dataclass(frozen=True)
class Receipt:
    kind: str
    amount: Decimal
    name: str
    iban: str
    reference: str
    description: str
    pays: tuple[str, ...]  # the items it pays, as the first suggestion should allocate them


RECEIPT_KINDS = {  # what the payer wrote, and how often
    "invoice number as the payment reference": 35,
    "invoice numbers in the text": 25,
    "policy number in the text": 15,
    "known IBAN only": 15,
    "unknown payer, the amount only": 10,
}


def plan_receipts(rng: random.Random, chosen: list[Relation]) -> list[Receipt]:
    """A receipt for each chosen relation, as payers make them (see RECEIPT_KINDS)."""
    receipts = []
    kinds = rng.choices(list(RECEIPT_KINDS), weights=list(RECEIPT_KINDS.values()), k=len(chosen))
    for n, (relation, kind) in enumerate(zip(chosen, kinds, strict=True)):
        by_policy = relation.items or {}
        oldest = sorted(i for items in by_policy.values() for i in items)
        first, two = oldest[0], oldest[:2]
        both = sum((i[3] for i in two), Decimal(0))
        name, iban = relation.name, relation.iban
        if kind == "invoice number as the payment reference":
            receipt = Receipt(kind, first[3], name, iban, first[1], "Premie", (first[2],))
        elif kind == "invoice numbers in the text":
            text = "Premie " + " ".join(i[1] for i in two)
            receipt = Receipt(kind, both, name, iban, "", text, tuple(i[2] for i in two))
        elif kind == "policy number in the text":
            policy, items = rng.choice(sorted(by_policy.items()))
            text = f"polis {policy} premie"
            receipt = Receipt(kind, items[0][3], name, iban, "", text, (items[0][2],))
        elif kind == "known IBAN only":
            text = "premie verzekering"
            receipt = Receipt(kind, both, name, iban, "", text, tuple(i[2] for i in two))
        else:
            stranger = dutch_iban("INGB", 900_000_000 + n)
            receipt = Receipt(kind, first[3], "Onbekend", stranger, "", "Betaling", ())
        receipts.append(receipt)
    return receipts


def import_receipts(
    stack: Stack, tenant: str, receipts: list[Receipt], per_file: int = 1000
) -> tuple[float, dict[str, Receipt]]:
    """The receipts as daily CSV statements of `per_file` lines, imported through the gateway
    as an accountant imports the bank's files; the seconds it took, and the receipts by the id
    of their bank line."""
    token = password_token(stack.keycloak.url, "operator", "operator")
    headers = {"Authorization": f"Bearer {token}", "X-Tenant": tenant, "Content-Type": "text/csv"}
    today = date.today().isoformat()
    by_line: dict[tuple[str, str], Receipt] = {}
    started = time.perf_counter()
    with httpx.Client(base_url=stack.gateway_url, timeout=300) as gw:
        for start in range(0, len(receipts), per_file):
            chunk = receipts[start : start + per_file]
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(CSV_COLUMNS)
            for r in chunk:
                writer.writerow([today, r.amount, r.name, r.iban, r.reference, r.description])
            answer = gw.post("/api/ledger/bank-statements", content=out.getvalue(), headers=headers)
            answer.raise_for_status()
            for line, receipt in enumerate(chunk, start=2):
                by_line[(answer.json()["id"], f"line {line}")] = receipt
    seconds = time.perf_counter() - started
    return seconds, asyncio.run(_by_bank_line(stack, tenant, by_line))


async def _by_bank_line(
    stack: Stack, tenant: str, by_line: dict[tuple[str, str], Receipt]
) -> dict[str, Receipt]:
    conn = await asyncpg.connect(ledger_dsn(stack.postgres))
    query, _ = sql(select(bank_lines.c.id, bank_lines.c.statement_id, bank_lines.c.position))
    try:
        async with conn.transaction():
            await as_tenant(conn, tenant)
            rows = await conn.fetch(query)
    finally:
        await conn.close()
    return {str(r["id"]): by_line[(str(r["statement_id"]), r["position"])] for r in rows}


def _all_pages(stack: Stack, tenant: str) -> tuple[float, dict[str, list[Any]]]:
    """Every unmatched receipt with its suggestions, through the gateway a page of 200 at a
    time as the matching workbench lists them: the seconds it took, and the suggestions by
    receipt."""
    token = password_token(stack.keycloak.url, "operator", "operator")
    headers = {"Authorization": f"Bearer {token}", "X-Tenant": tenant}
    found: dict[str, list[Any]] = {}
    started = time.perf_counter()
    with httpx.Client(base_url=stack.gateway_url, timeout=120) as gw:
        cursor: str | None = None
        while True:
            params: dict[str, str | int] = {"limit": 200}
            if cursor:
                params["cursor"] = cursor
            answer = gw.get("/api/debtors/receipts/suggestions", params=params, headers=headers)
            answer.raise_for_status()
            page = answer.json()
            for entry in page["items"]:
                found[entry["receipt"]["id"]] = entry["suggestions"]
            cursor = page["next_cursor"]
            if not cursor:
                break
    return time.perf_counter() - started, found


def _through_gateway(stack: Stack, tenant: str, receipt_ids: list[str]) -> list[float]:
    token = password_token(stack.keycloak.url, "operator", "operator")
    headers = {"Authorization": f"Bearer {token}", "X-Tenant": tenant}
    timings = []
    with httpx.Client(base_url=stack.gateway_url, timeout=60) as gw:
        for warm_up in receipt_ids[:10]:  # connections and caches
            gw.get(f"/api/debtors/receipts/{warm_up}/suggestions", headers=headers)
        for receipt_id in receipt_ids:
            started = time.perf_counter()
            answer = gw.get(f"/api/debtors/receipts/{receipt_id}/suggestions", headers=headers)
            timings.append((time.perf_counter() - started) * 1000)
            answer.raise_for_status()
    return timings


NUMBERS = bindparam("numbers", type_=ARRAY(Text))
CANDIDATES, CANDIDATE_PARAMETERS = sql(
    select(open_items.c.id, open_items.c.remaining).where(
        open_items.c.ledger == literal_column("'debtors'"),
        open_items.c.remaining > literal_column("0"),
        or_(
            open_items.c.reference == any_(NUMBERS),
            open_items.c.policy_number == any_(NUMBERS),
            open_items.c.relation_id
            == select(known_relations.c.relation_id)
            .where(known_relations.c.iban == bindparam("iban", type_=Text))
            .limit(literal_column("1"))
            .scalar_subquery(),
        ),
    )
)


async def _plain_selects(stack: Stack, tenant: str, receipts: list[Receipt]) -> list[float]:
    """The baseline: one indexed SELECT of a receipt's candidate items (named by reference or
    text, or the payer's) for each receipt, asyncpg, a prepared statement."""
    from ledger_service.suggestion_rules import numbers_in

    assert CANDIDATE_PARAMETERS == ["numbers", "iban"], CANDIDATE_PARAMETERS
    conn = await asyncpg.connect(ledger_dsn(stack.postgres))
    timings = []
    try:
        await conn.execute("select set_config($1, $2, false)", TENANT_SETTING, tenant)
        statement = await conn.prepare(CANDIDATES)
        for r in receipts:
            numbers = sorted(numbers_in(r.description) | ({r.reference} if r.reference else set()))
            started = time.perf_counter()
            await statement.fetch(numbers, r.iban)
            timings.append((time.perf_counter() - started) * 1000)
    finally:
        await conn.close()
    return timings


def _percentiles(timings: list[float]) -> str:
    ordered = sorted(timings)
    p99 = ordered[max(int(len(ordered) * 0.99) - 1, 0)]
    return f"p50 {statistics.median(ordered):.1f} ms, p99 {p99:.1f} ms"


@dataclass
class Suggestions:
    items: int
    relations: int
    seed_seconds: float
    import_seconds: float
    files: int
    gateway_ms: list[float]
    all_seconds: float
    baseline_ms: list[float]
    right_first: dict[str, tuple[int, int]]  # kind: (first suggestion right, receipts)

    def __str__(self) -> str:
        receipts = len(self.baseline_ms)
        baseline = sum(self.baseline_ms) / 1000
        right = "; ".join(f"{kind} {r}/{n}" for kind, (r, n) in self.right_first.items())
        return (
            f"suggestions: {self.items} open items of {self.relations} relations with known"
            f" IBANs (COPY, {self.seed_seconds:.0f} s), {receipts} unmatched receipts imported"
            f" through the gateway as {self.files} CSV statements ({self.import_seconds:.1f} s)\n"
            f"  GET /api/debtors/receipts/{{id}}/suggestions through the gateway"
            f" ({len(self.gateway_ms)} receipts, one after another):"
            f" {_percentiles(self.gateway_ms)}\n"
            f"  all {receipts} receipts with their suggestions, GET /api/debtors/receipts/"
            f"suggestions through the gateway, 200 a page: {self.all_seconds:.1f} s"
            f" ({receipts / self.all_seconds:.0f} receipts/s)\n"
            f"  first suggestion right: {right}\n"
            f"  baseline, one indexed SELECT of a receipt's candidate items (asyncpg), all"
            f" {receipts}: {baseline:.1f} s, {receipts / baseline:.0f} receipts/s,"
            f" {_percentiles(self.baseline_ms)}"
        )


def _right_first(
    receipts: dict[str, Receipt], found: dict[str, list[Any]]
) -> dict[str, tuple[int, int]]:
    """Per kind of receipt: for how many the first suggestion allocates to exactly the items it
    pays (for an unknown payer: that there is a suggestion at all)."""
    tally: dict[str, list[int]] = {kind: [0, 0] for kind in RECEIPT_KINDS}
    for receipt_id, receipt in receipts.items():
        first = found[receipt_id][0] if found[receipt_id] else None
        chosen = {a["item_id"] for a in first["allocations"]} if first else set()
        right = bool(first) if not receipt.pays else chosen == set(receipt.pays)
        tally[receipt.kind][0] += right
        tally[receipt.kind][1] += 1
    return {kind: (r, n) for kind, (r, n) in tally.items() if n}


def measure_suggestions(
    stack: Stack, items: int = 1_000_000, relations: int = 100_000, receipts: int = 10_000
) -> Suggestions:
    rng = random.Random(20261127)  # noqa: S311 - made-up data, the same each run
    tenant = register_tenant(stack, "Bench suggestions")
    planned = plan_relations(rng, relations, items)
    chosen = rng.sample(planned, receipts)
    for relation in chosen:
        relation.items = {}
    started = time.perf_counter()
    asyncio.run(seed_open_items(stack.postgres, tenant, planned))
    seeded = time.perf_counter() - started
    imported, by_id = import_receipts(stack, tenant, plan_receipts(rng, chosen))
    ids = sorted(by_id)
    sample = ids[:: max(len(ids) // 300, 1)][:300]
    gateway = _through_gateway(stack, tenant, sample)
    all_seconds, found = _all_pages(stack, tenant)
    baseline = asyncio.run(_plain_selects(stack, tenant, [by_id[i] for i in ids]))
    return Suggestions(
        items=items,
        relations=relations,
        seed_seconds=seeded,
        import_seconds=imported,
        files=-(-receipts // 1000),
        gateway_ms=gateway,
        all_seconds=all_seconds,
        baseline_ms=baseline,
        right_first=_right_first(by_id, found),
    )


def measure(stack: Stack) -> str:
    return f"{measure_booking(stack)}\n{measure_suggestions(stack)}"
