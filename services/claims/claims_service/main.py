"""The claims service's app: `uvicorn claims_service.main:app`."""

from claims_service import (
    approvals,
    authority,
    causes,
    claim_file,
    import_checks,
    imported,
    payments,
    read_models,
    registration,
    reports,
    treatment,
    withdrawal,
)
from claims_service.settings import settings
from claims_service.tables import inbox, outbox
from servicekit.app import create_service_app
from servicekit.consumer import UNHURRIED, Subscription
from servicekit.events import subject_for
from servicekit.import_part import ImportPart
from servicekit.request_reply import CLAIMS_IMPORT_CHECK

IMPORT = ImportPart("claims", outbox, imported.load_batch, withdrawal.blockers, withdrawal.undo)

app = create_service_app(
    name="claims",
    title="Claims service",
    description="Claims registration, handling, reserves and payments.",
    settings=settings,
    outbox=outbox,
    inbox=inbox,
    # Literal paths (/causes, /reports, /settings, /payments) before /{claim_id}.
    routers=[
        approvals.router,
        causes.router,
        reports.router,
        authority.router,
        claim_file.router,
        registration.router,
        treatment.router,
        payments.router,
    ],
    responders={CLAIMS_IMPORT_CHECK: import_checks.on_import_check, **IMPORT.responders()},
    subscriptions=[
        IMPORT.subscription(),
        Subscription(
            durable="claims-policies",
            subjects=(subject_for("policy", "policy.changed"),),
            handler=read_models.remember_policy,
            batch_handler=read_models.remember_policies,
            gather=UNHURRIED,
        ),
        Subscription(
            durable="claims-relations",
            subjects=(subject_for("policy", "relation.changed"),),
            handler=read_models.remember_relation,
            batch_handler=read_models.remember_relations,
            gather=UNHURRIED,
        ),
        Subscription(
            durable="claims-premiums",
            subjects=(subject_for("policy", "invoice.issued"),),
            handler=read_models.record_premium,
            batch_handler=read_models.record_premiums,
            gather=UNHURRIED,
        ),
        Subscription(
            durable="claims-premium-bundles",
            subjects=(subject_for("policy", "invoices.issued"),),
            handler=read_models.record_premium_bundle,
            batch_handler=read_models.record_premium_bundles,
            batch=10,  # a thousand documents a transaction
            gather=UNHURRIED,
        ),
    ],
)
