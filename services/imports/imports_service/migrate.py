"""`python -m imports_service.migrate`: bring the imports database to the newest revision."""

from servicekit.migrations import upgrade

if __name__ == "__main__":
    upgrade("imports_service")
