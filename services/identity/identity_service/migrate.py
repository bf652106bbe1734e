"""`python -m identity_service.migrate`: bring the identity database to the newest revision."""

from servicekit.migrations import upgrade

if __name__ == "__main__":
    upgrade("identity_service")
