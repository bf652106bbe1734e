"""The identity service's app: `uvicorn identity_service.main:app`."""

from identity_service import (
    api_clients,
    audit,
    authenticator,
    login_events,
    logins,
    me,
    second_factor,
    support,
    tenants,
)
from identity_service.access import on_resolve_request
from identity_service.settings import settings
from identity_service.tables import inbox, outbox
from servicekit.app import create_service_app
from servicekit.consumer import UNHURRIED, Subscription
from servicekit.events import subject_for
from servicekit.request_reply import RESOLVE_SUBJECT

app = create_service_app(
    name="identity",
    title="Identity service",
    description=(
        "Tenants, administration mode, logins, protocols and module rights, the administrator's "
        "authenticator, support access and the audit trail."
    ),
    settings=settings,
    outbox=outbox,
    inbox=inbox,
    routers=[
        me.router,
        tenants.router,
        logins.router,
        second_factor.router,
        authenticator.router,
        support.router,
        audit.router,
        api_clients.router,
    ],
    subscriptions=[
        Subscription(
            durable=audit.AUDIT_CONSUMER,
            subjects=(subject_for("gateway", "access.decided"),),
            handler=audit.record_gateway_decision,
            batch_handler=audit.record_gateway_decisions,
            gather=UNHURRIED,
        )
    ],
    responders={RESOLVE_SUBJECT: on_resolve_request},
    background=(login_events.read_login_events,),
)
