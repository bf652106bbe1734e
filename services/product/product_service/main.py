"""The product service's app: `uvicorn product_service.main:app`."""

from product_service import applications, import_checks, products, public
from product_service.rate_requests import on_rate_request
from product_service.settings import settings
from product_service.tables import inbox, outbox
from servicekit.app import create_service_app
from servicekit.consumer import UNHURRIED, Subscription
from servicekit.events import subject_for
from servicekit.request_reply import PRODUCT_IMPORT_CHECK, RATE_SUBJECT

app = create_service_app(
    name="product",
    title="Product service",
    description="Insurance products: design, four-eyes approval, test mode, rating and quotes.",
    settings=settings,
    outbox=outbox,
    inbox=inbox,
    # The public router first: the quotes of websites and intermediaries are its hot path, and a
    # request is matched against the routes in order.
    routers=[public.router, products.router],
    responders={
        RATE_SUBJECT: on_rate_request,
        PRODUCT_IMPORT_CHECK: import_checks.on_import_check,
    },
    subscriptions=[
        Subscription(
            durable="product-application-decisions",
            subjects=(subject_for("policy", "application.decided"),),
            handler=applications.follow_decision,
            batch_handler=applications.follow_decisions,
            gather=UNHURRIED,
        )
    ],
)
