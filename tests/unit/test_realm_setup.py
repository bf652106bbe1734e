"""What the realm setup accepts from its environment: a real installation's portal client is sent
back only to the portal's public HTTPS address, never to a local one."""

import pytest

from identity_service.realm_setup import SetupRefused, setup_from_environment

BASE = {"KEYCLOAK_CLIENT_SECRET": "s3cret"}


def test_dev_mode_falls_back_to_the_local_portal() -> None:
    setup = setup_from_environment({**BASE, "BACKOFFICE_DEV_MODE": "true"})
    assert setup.portal_redirect_uris == ("http://127.0.0.1:*", "http://localhost:*")


def test_a_real_installation_names_its_public_portal() -> None:
    environ = {**BASE, "PORTAL_REDIRECT_URIS": "https://portal.example.nl/*, https://b.example/*"}
    setup = setup_from_environment(environ)
    assert setup.portal_redirect_uris == ("https://portal.example.nl/*", "https://b.example/*")
    assert not setup.dev_mode


@pytest.mark.parametrize(
    "uris",
    [
        "",
        "http://portal.example.nl/*",
        "https://localhost/*",
        "https://127.0.0.1:8443/*",
        "https://portal.localhost/*",
        "https://portal.example.nl/*,http://127.0.0.1:*",
    ],
)
def test_a_real_installation_refuses_local_or_plain_http_addresses(uris: str) -> None:
    with pytest.raises(SetupRefused):
        setup_from_environment({**BASE, "PORTAL_REDIRECT_URIS": uris})


def test_a_real_installation_without_addresses_is_refused() -> None:
    with pytest.raises(SetupRefused, match="PORTAL_REDIRECT_URIS"):
        setup_from_environment(BASE)
