"""The imports service's app: `uvicorn imports_service.main:app`."""

from imports_service import dry_run, imports, loading, withdrawal
from imports_service.settings import settings
from imports_service.tables import inbox, outbox
from servicekit.app import create_service_app
from servicekit.consumer import Subscription
from servicekit.events import subject_for

app = create_service_app(
    name="imports",
    title="Imports service",
    description="Taking over a portfolio: conversion packages checked in a dry run, then loaded.",
    settings=settings,
    outbox=outbox,
    inbox=inbox,
    routers=[imports.router, withdrawal.router],
    jobs=(imports.JOBS, {dry_run.KIND: dry_run.run_dry_run, loading.KIND: loading.run_load}),
    subscriptions=[
        Subscription(
            durable="imports-loaded",
            subjects=tuple(
                subject_for(service, "import.batch.loaded")
                for service in ("policy", "ledger", "claims")
            ),
            handler=loading.batch_loaded,
        ),
        Subscription(
            durable="imports-withdrawn",
            subjects=tuple(
                subject_for(service, "import.withdrawn") for service in withdrawal.PARTS
            ),
            handler=withdrawal.answered,
        ),
    ],
    upload_limits={"/api/imports": imports.MAX_PACKAGE_BYTES},
)
