"""The ledger service's app: `uvicorn ledger_service.main:app`."""

from ledger_service import (
    accounts,
    bank,
    collection_blocks,
    collection_plans,
    collection_runs,
    collection_settings,
    current_accounts,
    documents,
    entries,
    import_checks,
    imported,
    mandates,
    matching,
    periods,
    policy_payments,
    reminders,
    reports,
    settlements,
    suggesting,
    tenant_settings,
    withdrawal,
    workbench,
)
from ledger_service.chart import open_chart_for_new_tenant
from ledger_service.claim_payments import book_claim_payment
from ledger_service.premiums import (
    book_premium_bundle,
    book_premium_bundles,
    book_premium_document,
    book_premium_documents,
)
from ledger_service.settings import settings
from ledger_service.tables import inbox, outbox
from servicekit.app import create_service_app
from servicekit.consumer import UNHURRIED, Subscription
from servicekit.events import subject_for
from servicekit.import_part import ImportPart
from servicekit.request_reply import LEDGER_COLLECTION_PLAN, LEDGER_IMPORT_CHECK

IMPORT = ImportPart("ledger", outbox, imported.load_batch, withdrawal.blockers, withdrawal.undo)

app = create_service_app(
    name="ledger",
    title="Ledger service",
    description="General ledger and the debtor and creditor current accounts.",
    settings=settings,
    outbox=outbox,
    inbox=inbox,
    routers=[
        accounts.router,
        entries.router,
        periods.router,
        tenant_settings.router,
        reports.router,
        bank.router,
        bank.receipts,
        bank.payments,
        suggesting.router,
        matching.debtor_matches,
        matching.creditor_matches,
        workbench.debtors,
        workbench.creditors,
        collection_settings.router,
        mandates.router,
        collection_blocks.router,
        collection_runs.router,
        reminders.router,
        documents.router,
        current_accounts.debtors,
        settlements.router,
        current_accounts.creditors,
    ],
    jobs=(
        collection_runs.JOBS,
        {collection_runs.KIND: collection_runs.run_job, reminders.KIND: reminders.run_job},
    ),
    responders={
        LEDGER_IMPORT_CHECK: import_checks.on_import_check,
        LEDGER_COLLECTION_PLAN: collection_plans.on_collection_plan,
        **IMPORT.responders(),
    },
    subscriptions=[
        Subscription(
            durable="ledger-tenants",
            subjects=(subject_for("identity", "tenant.registered"),),
            handler=open_chart_for_new_tenant,
        ),
        Subscription(
            durable="ledger-premiums",
            subjects=(subject_for("policy", "invoice.issued"),),
            handler=book_premium_document,
            batch_handler=book_premium_documents,
            # Five times the default: each commit runs the balance check of every entry and
            # line of the batch and waits for the disk, so a renewal run's invoices book in
            # fewer, larger transactions.
            batch=1000,
            # A trickle gathered for a fifth of a second: a debtor item that much later goes
            # unnoticed, and each transaction then books several invoices instead of one or
            # two (its lane's queries, balance checks and commit cost more than the booking).
            gather=UNHURRIED,
        ),
        Subscription(
            durable="ledger-premium-bundles",
            subjects=(subject_for("policy", "invoices.issued"),),
            handler=book_premium_bundle,
            batch_handler=book_premium_bundles,
            batch=10,  # a thousand documents a transaction, as above
        ),
        Subscription(
            durable="ledger-claim-payments",
            subjects=(subject_for("claims", "claim.payment.released"),),
            handler=book_claim_payment,
        ),
        IMPORT.subscription(),
        Subscription(
            durable="ledger-relations",
            subjects=(subject_for("policy", "relation.changed"),),
            handler=suggesting.remember_relation,
            batch_handler=suggesting.remember_relations,
            gather=UNHURRIED,
        ),
        Subscription(
            durable="ledger-policies",
            subjects=(subject_for("policy", "policy.changed"),),
            handler=policy_payments.remember_payment_method,
            batch_handler=policy_payments.remember_payment_methods,
            gather=UNHURRIED,
        ),
        Subscription(
            durable="ledger-letterheads",
            subjects=(subject_for("policy", "letterhead.changed"),),
            handler=documents.remember_letterhead,
            gather=UNHURRIED,
        ),
    ],
)
