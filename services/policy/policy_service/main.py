"""The policy service's app: `uvicorn policy_service.main:app`."""

from policy_service import (
    applications,
    documents,
    import_checks,
    imported,
    letterhead,
    policies,
    relations,
    renewals,
    withdrawal,
)
from policy_service.settings import settings
from policy_service.tables import inbox, outbox
from servicekit.app import create_service_app
from servicekit.consumer import Subscription
from servicekit.events import subject_for
from servicekit.import_part import ImportPart
from servicekit.request_reply import POLICY_IMPORT_CHECK

IMPORT = ImportPart("policy", outbox, imported.load_batch, withdrawal.blockers, withdrawal.undo)

app = create_service_app(
    name="policy",
    title="Policy service",
    description="Relations, applications, policies, mutations, premium invoices and credit notes.",
    settings=settings,
    outbox=outbox,
    inbox=inbox,
    routers=[
        relations.router,
        applications.router,
        renewals.router,
        letterhead.router,
        policies.router,
        documents.router,
    ],
    jobs=(renewals.JOBS, {renewals.KIND: renewals.run_job}),
    responders={POLICY_IMPORT_CHECK: import_checks.on_import_check, **IMPORT.responders()},
    subscriptions=[
        Subscription(
            durable="policy-applications",
            subjects=(subject_for("product", "application.submitted"),),
            handler=applications.receive_application,
        ),
        IMPORT.subscription(),
    ],
)
