"""Faults lose nothing. While a broker's clients quote and apply, a policy clerk accepts and an
accountant imports bank statements, all through the gateway, each part of the platform in turn
is killed with SIGKILL (a service, the ledger and the policy service, the gateway, NATS,
PostgreSQL) and started again on its port and data. Afterwards every application that was
acknowledged became exactly one policy with its invoice, every invoice exactly one ledger entry
with one debtor open item, every acknowledged bank statement was booked once, the trial balance
balances, and every decision the gateway answered is exactly one record in the tenant's audit
trail, whose chain verifies. What failed during an outage (a 5xx answer or no answer) was not
acknowledged and is not counted.

The drill runs its own platform (durable PostgreSQL, as in production: a crash must not undo a
commit), so the session's shared one never sees a fault."""

import asyncio
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import asyncpg
import httpx
import pytest

from devstack.ports import Ports
from devstack.stack import Stack, StackConfig
from tests.support.accounts import PAYER, balances_of
from tests.support.camt import camt053
from tests.support.clerk import quote_from
from tests.support.keycloak import KeycloakTestAdmin
from tests.support.products import APPLICANT, published_home
from tests.support.tenants import create_login
from tests.support.waiting import eventually

FAULTS = ("ledger", "policy", "gateway", "nats", "postgres")
DOWN_SECONDS = 1.5  # how long a killed part stays away
FLOWING_SECONDS = 4.0  # traffic before the first fault and after each restart
TOKEN_SECONDS = 120  # tokens live 300 s; the clients take fresh ones well before


@pytest.fixture(scope="module")
def drill_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    stack = Stack(
        StackConfig(
            data_dir=tmp_path_factory.mktemp("drill"),
            ports=Ports.free(),
            durable=True,
            portal=False,
            infra="local",  # parts are killed as processes
        )
    )
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()


class Token:
    """A bearer header that renews itself before it expires (kept as it is while Keycloak
    cannot answer: its database may be the part that is down)."""

    def __init__(self, fetch: Callable[[], str]) -> None:
        self.fetch = fetch
        self.lock = threading.Lock()
        self.value = fetch()
        self.at = time.monotonic()

    def headers(self) -> dict[str, str]:
        with self.lock:
            if time.monotonic() - self.at > TOKEN_SECONDS:
                try:
                    self.value, self.at = self.fetch(), time.monotonic()
                except httpx.HTTPError:
                    pass
            return {"Authorization": f"Bearer {self.value}"}


@dataclass
class Tally:
    """What the clients sent, by kind and by the drill's phase, and what was acknowledged."""

    phase: str = "flowing"
    answers: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    unexpected: list[str] = field(default_factory=list)  # answers no client expects
    decided: list[str] = field(default_factory=list)  # request ids the gateway answered
    applications: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def call(
        self, client: httpx.Client, kind: str, method: str, path: str, token: Token, **kwargs: Any
    ) -> httpx.Response | None:
        """The answer if acknowledged (below 500); None if it failed (5xx, no answer)."""
        request_id = f"drill-{uuid.uuid4()}"
        phase = self.phase
        headers = {**token.headers(), **kwargs.pop("headers", {}), "X-Request-Id": request_id}
        try:
            answer: httpx.Response | None = client.request(
                method, path, headers=headers, timeout=15, **kwargs
            )
        except httpx.HTTPError:
            answer = None
        with self.lock:
            if answer is None or answer.status_code >= 500:
                self.answers[kind, phase, "failed"] += 1
                return None
            if answer.status_code == 401:  # refused before any decision: no audit record
                self.unexpected.append(f"{kind}: {answer.status_code} {answer.text[:300]}")
                return None
            self.answers[kind, phase, "acknowledged"] += 1
            self.decided.append(request_id)
        return answer


@dataclass
class Tenant:
    slug: str
    broker: Token
    clerk: Token
    accountant: Token
    operator: Token


def _tenant(stack: Stack) -> Tenant:
    keycloak = KeycloakTestAdmin(stack.keycloak.url, stack.secrets.keycloak_admin_password)
    operator_login = keycloak.create_user(roles=("platform-operator",))
    operator = Token(lambda: keycloak.token(operator_login))
    slug = f"t-{uuid.uuid4().hex[:12]}"
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as gateway:
        made = gateway.post(
            "/api/identity/tenants",
            json={"slug": slug, "name": "Fault drill"},
            headers=operator.headers(),
        )
        assert made.status_code == 201, made.text
        by = {**operator.headers(), "X-Tenant": slug}
        broker = published_home(stack, gateway, keycloak, by, slug)
        clerk = create_login(gateway, keycloak, by, slug, {"protocols": ["policy-clerk"]})
        books = create_login(gateway, keycloak, by, slug, {"protocols": ["accountant"]})
    client = keycloak.admin.get_client_id(broker["client_id"])
    secret = keycloak.admin.get_client_secrets(client)["value"]
    return Tenant(
        slug,
        Token(lambda: _client_token(stack, broker["client_id"], secret)),
        Token(lambda: keycloak.token(clerk.login)),
        Token(lambda: keycloak.token(books.login)),
        operator,
    )


def _client_token(stack: Stack, client_id: str, secret: str) -> str:
    answer = httpx.post(
        f"{stack.keycloak.url}/realms/backoffice/protocol/openid-connect/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
        timeout=10,
    )
    answer.raise_for_status()
    token: str = answer.json()["access_token"]
    return token


def _expected(tally: Tally, answer: httpx.Response, *statuses: int) -> bool:
    """Whether an acknowledged answer is one the client expects (kept as unexpected if not)."""
    if answer.status_code in statuses:
        return True
    with tally.lock:
        tally.unexpected.append(
            f"{answer.request.url.path}: {answer.status_code} {answer.text[:300]}"
        )
    return False


# -- the clients ------------------------------------------------------------------------------

PAUSE = 0.05  # between a client's requests: the machine has other work too


def _quoting(stack: Stack, t: Tenant, tally: Tally, stop: threading.Event) -> None:
    with httpx.Client(base_url=stack.gateway_url) as client:
        while not stop.is_set():
            body = quote_from(date.today())
            tally.call(client, "quote", "POST", "/public/v1/quotes", t.broker, json=body)
            time.sleep(PAUSE)


def _applying(stack: Stack, t: Tenant, tally: Tally, stop: threading.Event) -> None:
    with httpx.Client(base_url=stack.gateway_url) as client:
        while not stop.is_set():
            body = quote_from(date.today())
            quoted = tally.call(client, "quote", "POST", "/public/v1/quotes", t.broker, json=body)
            if quoted is not None and quoted.status_code == 201:
                someone = uuid.uuid4().hex[:8]
                applicant = {**APPLICANT, "name": f"J. {someone}", "email": f"{someone}@example.nl"}
                application = {"quote_id": quoted.json()["id"], "applicant": applicant}
                applied = tally.call(
                    client, "application", "POST", "/public/v1/applications", t.broker,
                    json=application,
                )  # fmt: skip
                if applied is not None:
                    if _expected(tally, applied, 201):
                        with tally.lock:
                            tally.applications.append(applied.json()["id"])
            time.sleep(PAUSE)


def _accept_queue(client: httpx.Client, t: Tenant, tally: Tally) -> None:
    """The clerk accepts what waits in the queue (a 409: accepted already, the answer lost)."""
    params = {"status": "received", "limit": 50}
    queue = tally.call(client, "queue", "GET", "/api/policies/applications", t.clerk, params=params)
    if queue is None or queue.status_code != 200:
        return
    for application in queue.json()["items"]:
        path = f"/api/policies/applications/{application['id']}/accept"
        accepted = tally.call(client, "acceptance", "POST", path, t.clerk)
        if accepted is not None:
            _expected(tally, accepted, 200, 409)


def _accepting(stack: Stack, t: Tenant, tally: Tally, stop: threading.Event) -> None:
    with httpx.Client(base_url=stack.gateway_url) as client:
        while not stop.is_set():
            _accept_queue(client, t, tally)
            time.sleep(0.3)


def _importing(stack: Stack, t: Tenant, tally: Tally, stop: threading.Event) -> None:
    with httpx.Client(base_url=stack.gateway_url) as client:
        while not stop.is_set():
            statement = f"DRILL-{uuid.uuid4().hex[:12]}"
            receipts = [(Decimal("9.44"), *PAYER, f"{statement} a"), (Decimal("2.50"), *PAYER, "b")]
            data = camt053(statement, date.today().isoformat(), Decimal("1000.00"), receipts)
            imported = tally.call(
                client, "bank import", "POST", "/api/ledger/bank-statements", t.accountant,
                content=data, headers={"content-type": "application/xml"},
            )  # fmt: skip
            if imported is not None:
                if _expected(tally, imported, 201):
                    with tally.lock:
                        tally.statements.append(statement)
            time.sleep(0.3)


CLIENTS = (_quoting, _applying, _applying, _accepting, _importing)


# -- what the databases hold afterwards -------------------------------------------------------


async def _rows(stack: Stack, database: str, sql: str, *args: object) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(stack.postgres.superuser_dsn(database))
    try:
        return list(await conn.fetch(sql, *args))
    finally:
        await conn.close()


def _query(stack: Stack, database: str, sql: str, *args: object) -> list[asyncpg.Record]:
    return asyncio.run(_rows(stack, database, sql, *args))


def _policies_of(stack: Stack, tenant: str) -> Counter[str]:
    """Policies per application."""
    sql = "select application_id::text from policies where tenant_id = $1"
    return Counter(r[0] for r in _query(stack, "policy", sql, tenant))


def _settled(stack: Stack, t: Tenant, tally: Tally) -> Counter[str]:
    """The clerk accepts what is left in the queue until every acknowledged application has its
    policy (or time runs out); the policies per application."""
    with httpx.Client(base_url=stack.gateway_url) as client:

        def accept_rest() -> Counter[str]:
            _accept_queue(client, t, tally)
            return _policies_of(stack, t.slug)

        return eventually(
            accept_rest,
            lambda found: all(found[a] for a in tally.applications),
            seconds=120,
            every=1.0,
        )


def test_faults_lose_nothing(drill_stack: Stack) -> None:
    stack = drill_stack
    began = time.monotonic()
    t = _tenant(stack)
    tally = Tally()
    stop = threading.Event()
    clients = [threading.Thread(target=c, args=(stack, t, tally, stop)) for c in CLIENTS]
    outages: dict[str, float] = {}
    for client in clients:
        client.start()
    try:
        time.sleep(FLOWING_SECONDS)
        for part in FAULTS:
            tally.phase = f"{part} killed"
            killed = time.monotonic()
            stack.kill(part)
            time.sleep(DOWN_SECONDS)
            stack.restart(part)
            outages[part] = time.monotonic() - killed
            tally.phase = f"after {part}"
            time.sleep(FLOWING_SECONDS)
    finally:
        stop.set()
        for client in clients:
            client.join(60)
    assert not any(client.is_alive() for client in clients)
    tally.phase = "afterwards"

    policies = _settled(stack, t, tally)
    invoices = _query(
        stack,
        "policy",
        "select number, policy_id::text from invoices where tenant_id = $1",
        t.slug,
    )
    print(_figures(tally, outages, policies, len(invoices), time.monotonic() - began))

    # Every acknowledged application is one policy.
    assert tally.applications and all(policies[a] == 1 for a in tally.applications), {
        a: policies[a] for a in tally.applications if policies[a] != 1
    }
    # (An application whose answer an outage took may have become one too, but only one.)
    assert max(policies.values()) == 1, "an application became two policies"
    # Each policy (annual, from today) its one invoice; each invoice one entry and one debtor item.
    assert Counter(i["policy_id"] for i in invoices) == Counter(
        r[0]
        for r in _query(
            stack, "policy", "select id::text from policies where tenant_id = $1", t.slug
        )
    )
    numbers = Counter(i["number"] for i in invoices)
    assert max(numbers.values()) == 1
    books = t.accountant.headers()
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as gateway:
        booked = eventually(
            lambda: Counter(
                str(r[0]).rsplit(" ", 1)[1]
                for r in _query(
                    stack,
                    "ledger",
                    "select description from journal_entries"
                    " where tenant_id = $1 and source = 'premium'",
                    t.slug,
                )
            ),
            lambda found: sum(found.values()) >= len(invoices),
            seconds=90,
            every=1.0,
        )
        assert booked == numbers
        debtor_items = Counter(
            r[0]
            for r in _query(
                stack,
                "ledger",
                "select reference from open_items where tenant_id = $1 and ledger = 'debtors'",
                t.slug,
            )
        )
        assert debtor_items == numbers
        # Every acknowledged statement booked once, with both its lines.
        statements = _query(
            stack,
            "ledger",
            "select s.statement_id, count(l.id) from bank_statements s"
            " join bank_lines l on l.statement_id = s.id where s.tenant_id = $1"
            " group by s.id, s.statement_id",
            t.slug,
        )
        kept = Counter(r[0] for r in statements)
        assert all(kept[s] == 1 for s in tally.statements)
        assert all(r[1] == 2 for r in statements)
        # The trial balance balances; its control accounts equal their open items.
        balances = balances_of(gateway, books)
        sql = "select ledger, sum(remaining) from open_items where tenant_id = $1 group by ledger"
        items = {r[0]: r[1] for r in _query(stack, "ledger", sql, t.slug)}
        assert (balances["1300"], -balances["1600"]) == (items["debtors"], items["creditors"])

        # Every decision answered is one record of the trail, and the chain is whole.
        audit = f"/api/identity/tenants/{t.slug}/audit/verify"
        report = eventually(
            lambda: gateway.get(audit, headers={**t.operator.headers(), "X-Tenant": t.slug}).json(),
            lambda found: found.get("recording") == 0,
            seconds=90,
            every=1.0,
        )
        assert report["valid"] and report["unrecorded"] == 0, report
    records = Counter(
        r[0]
        for r in _query(
            stack,
            "identity",
            "select request_id from audit_log where tenant_id = $1 and request_id like 'drill-%'",
            t.slug,
        )
    )
    missing = [r for r in tally.decided if records[r] == 0]
    twice = {r: n for r, n in records.items() if n > 1}
    assert not missing and not twice, (len(missing), twice)
    assert not tally.unexpected, tally.unexpected


def _figures(
    tally: Tally, outages: dict[str, float], policies: Counter[str], invoices: int, seconds: float
) -> str:
    phases = list(dict.fromkeys(phase for _, phase, _ in tally.answers))
    kinds = sorted({kind for kind, _, _ in tally.answers})
    lines = [
        f"fault drill: {seconds:.0f}s; outages "
        + ", ".join(f"{part} {down:.1f}s" for part, down in outages.items())
    ]
    for phase in phases:
        counts = ", ".join(
            f"{kind} {tally.answers[kind, phase, 'acknowledged']}/"
            f"{tally.answers[kind, phase, 'failed']}"
            for kind in kinds
        )
        lines.append(f"  {phase:16} acknowledged/failed: {counts}")
    lines.append(
        f"  applications acknowledged {len(tally.applications)}, policies {sum(policies.values())},"
        f" invoices {invoices}, statements acknowledged {len(tally.statements)},"
        f" decisions answered {len(tally.decided)}"
    )
    return "\n".join(lines)
