"""The product service's app: `uvicorn product_service.main:app`."""

from product_service import products, public
from product_service.settings import settings
from product_service.tables import inbox, outbox
from servicekit.app import create_service_app

app = create_service_app(
    name="product",
    title="Product service",
    description="Insurance products: design, four-eyes approval, test mode, rating and quotes.",
    settings=settings,
    outbox=outbox,
    inbox=inbox,
    routers=[products.router, public.router],
)
