"""The claims service's app: `uvicorn claims_service.main:app`."""

from claims_service import claims
from claims_service.settings import settings
from claims_service.tables import inbox, outbox
from servicekit.app import create_service_app

app = create_service_app(
    name="claims",
    title="Claims service",
    description="Claims registration, handling, reserves and payments.",
    settings=settings,
    outbox=outbox,
    inbox=inbox,
    routers=[claims.router],
)
