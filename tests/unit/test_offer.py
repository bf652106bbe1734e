"""Which version of a product a caller quotes on: the newest one offered to that caller."""

from datetime import date
from typing import Any

from product_service.offer import Offer, OfferedVersion
from servicekit.context_token import RequestContext

BROKER, OTHER = "broker-client", "other-client"


def _version(version: int, status: str, **channels: Any) -> OfferedVersion:
    return OfferedVersion(
        tenant_id="t",
        code="HOME",
        version=version,
        status=status,
        effective_from=date(2026, 1, 1),
        channels=channels or None,
        row_version=1,
        definition={},
    )


def _caller(
    client_id: str | None = None, channel: str | None = None, test: bool = False
) -> RequestContext:
    return RequestContext(
        subject="s",
        username="u",
        tenant="t",
        acting_as="client" if client_id else "employee",
        request_id="r",
        client_id=client_id,
        channel=channel,
        test_client=test,
    )


# Newest first, as read: version 3 in test, 2 live on the website and for the broker, 1 live
# for the manual channel only (as if not yet withdrawn).
OFFER = Offer(
    signature="x",
    versions=(
        _version(3, "test"),
        _version(2, "live", website=True, intermediaries=[BROKER]),
        _version(1, "live", manual=True),
    ),
)


def _chosen(ctx: RequestContext) -> int | None:
    version = OFFER.for_caller(ctx)
    return None if version is None else version.version


def test_each_caller_gets_the_newest_version_offered_to_it() -> None:
    assert _chosen(_caller(BROKER, "intermediary")) == 2
    assert _chosen(_caller("site", "website")) == 2
    assert _chosen(_caller("test-site", "website", test=True)) == 3
    # The tenant's own staff try the version in test and quote live manual versions.
    assert _chosen(_caller()) == 3


def test_a_version_not_published_to_the_caller_is_not_offered() -> None:
    assert _chosen(_caller(OTHER, "intermediary")) is None
    only_manual = Offer(signature="x", versions=(_version(1, "live", manual=True),))
    assert only_manual.for_caller(_caller("site", "website")) is None
    assert only_manual.for_caller(_caller(BROKER, "intermediary")) is None
    assert only_manual.for_caller(_caller("test-site", "website", test=True)) is None
    assert Offer(signature="", versions=()).for_caller(_caller()) is None
