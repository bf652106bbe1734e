"""`python -m claims_service.migrate`: bring the claims database to the newest revision."""

from servicekit.migrations import upgrade

if __name__ == "__main__":
    upgrade("claims_service")
