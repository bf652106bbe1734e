"""Logins and failed logins of a tenant's staff in the tenant's audit trail.

Keycloak records every login and failed login (events enabled in the realm). The identity
service reads them every few seconds through the admin API and appends each, as kind `login`,
to the trail of the tenant whose login it was: the tenant is in the login itself
(`<login>@<tenant>`, see logins.py), also for a failed attempt on a login that does not exist.
The platform's own logins (operators) belong to no tenant and are left to Keycloak's record.
Where it got to is kept in the database, so a restart neither skips nor repeats an event, and
one replica reads at a time (an advisory lock)."""

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from prometheus_client import Counter
from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert

from identity_service.audit import AuditRecord, append
from identity_service.tables import login_event_cursor, tenants
from servicekit.db import Database, act_as_tenant

log = logging.getLogger(__name__)

READ_FAILURES = Counter(
    "identity_login_events_read_failures_total",
    "Failed reads of Keycloak's login events (the trail misses logins until one succeeds)",
)

POLL_SECONDS = 5.0
PAGE = 200
TYPES = ("LOGIN", "LOGIN_ERROR")
LOCK = 7142003  # one reader among replicas


@dataclass(frozen=True)
class LoginEvent:
    id: str
    time_ms: int
    type: str
    user_id: str | None
    username: str | None
    error: str | None
    ip: str | None


def parse(raw: dict[str, Any]) -> LoginEvent:
    details = raw.get("details") or {}
    return LoginEvent(
        id=str(raw.get("id") or f"{raw.get('time')}-{raw.get('sessionId')}-{raw.get('type')}"),
        time_ms=int(raw["time"]),
        type=str(raw["type"]),
        user_id=raw.get("userId"),
        username=details.get("username"),
        error=raw.get("error"),
        ip=raw.get("ipAddress"),
    )


def tenant_of(username: str | None) -> str | None:
    """The tenant a login names (`jan@acme` → `acme`); None for the platform's own logins."""
    if not username or "@" not in username:
        return None
    return username.rsplit("@", 1)[1].lower()


def record_of(event: LoginEvent) -> AuditRecord:
    refused = event.type == "LOGIN_ERROR"
    return AuditRecord(
        at=datetime.fromtimestamp(event.time_ms / 1000, UTC),
        kind="login",
        actor=event.user_id or (event.username or "unknown"),
        actor_name=event.username or event.user_id or "unknown",
        acting_as="employee",
        outcome="refused" if refused else "allowed",
        detail=(f"failed login: {event.error or 'refused'}" if refused else "logged in")
        + (f" from {event.ip}" if event.ip else ""),
    )


def unseen(events: list[LoginEvent], after_ms: int, seen: set[str]) -> list[LoginEvent]:
    """The events after the cursor (time, and the ids already taken at that very time), oldest
    first."""
    fresh = [
        e for e in events if e.time_ms > after_ms or (e.time_ms == after_ms and e.id not in seen)
    ]
    return sorted(fresh, key=lambda e: (e.time_ms, e.id))


class LoginEventReader:
    def __init__(self, db: Database, admin: Any) -> None:
        self.db = db
        self.admin = admin  # python-keycloak's KeycloakAdmin for the realm

    async def run(self) -> None:
        while True:
            try:
                await self.read_once()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                READ_FAILURES.inc()
                log.warning("reading Keycloak's login events failed: %s", exc)
            await asyncio.sleep(POLL_SECONDS)

    async def _fetch(self, since: date) -> list[LoginEvent]:
        events: list[LoginEvent] = []
        first = 0
        while True:
            query = {
                "type": list(TYPES),
                "dateFrom": since.isoformat(),
                "first": first,
                "max": PAGE,
            }
            page = await self.admin.a_get_events(query)
            events += [parse(raw) for raw in page]
            if len(page) < PAGE:
                return events
            first += PAGE

    async def read_once(self) -> int:
        """Appends the events not yet recorded; how many it appended. One transaction under the
        lock: the records and the cursor past them together, neither lost nor doubled, also with
        several replicas."""
        async with self.db.system_transaction() as session:
            if not (
                await session.execute(text("select pg_try_advisory_xact_lock(:k)"), {"k": LOCK})
            ).scalar_one():
                return 0
            cursor = (await session.execute(select(login_event_cursor))).first()
            after_ms, seen = (cursor.time_ms, set(cursor.ids)) if cursor else (0, set())
            since = (
                datetime.fromtimestamp(after_ms / 1000, UTC).date()
                if after_ms
                else date.today() - timedelta(days=1)
            )
            fresh = unseen(await self._fetch(since), after_ms, seen)
            if not fresh:
                return 0
            known = {r.slug for r in (await session.execute(select(tenants.c.slug))).all()}
            appended = 0
            for event in fresh:
                tenant = tenant_of(event.username)
                if tenant and tenant in known:
                    await act_as_tenant(session, tenant)
                    await append(session, tenant, record_of(event))
                    appended += 1
                seen = seen | {event.id} if event.time_ms == after_ms else {event.id}
                after_ms = event.time_ms
            values = {"time_ms": after_ms, "ids": sorted(seen)}
            await session.execute(
                insert(login_event_cursor)
                .values(name="keycloak", **values)
                .on_conflict_do_update(index_elements=["name"], set_=values)
            )
        return appended


async def read_login_events(runtime: Any) -> None:
    """The service's background reader (see servicekit.app's `background`)."""
    from identity_service.keycloak_orgs import KeycloakDirectory
    from identity_service.settings import settings

    await LoginEventReader(runtime.db, KeycloakDirectory(settings).admin).run()
