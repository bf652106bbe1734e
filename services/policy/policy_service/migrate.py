"""`python -m policy_service.migrate`: bring the policy database to the newest revision."""

from servicekit.migrations import upgrade

if __name__ == "__main__":
    upgrade("policy_service")
