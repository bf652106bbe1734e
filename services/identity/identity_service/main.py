"""The identity service's app: `uvicorn identity_service.main:app`."""

from identity_service import me, tenants
from identity_service.access import RESOLVE_SUBJECT, on_resolve_request
from identity_service.settings import settings
from identity_service.tables import inbox, outbox
from servicekit.app import create_service_app

app = create_service_app(
    name="identity",
    title="Identity service",
    description="Tenants, administration mode, protocols and module rights.",
    settings=settings,
    outbox=outbox,
    inbox=inbox,
    routers=[me.router, tenants.router],
    responders={RESOLVE_SUBJECT: on_resolve_request},
)
