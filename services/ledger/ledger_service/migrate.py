"""`python -m ledger_service.migrate`: bring the ledger database to the newest revision."""

from servicekit.migrations import upgrade

if __name__ == "__main__":
    upgrade("ledger_service")
