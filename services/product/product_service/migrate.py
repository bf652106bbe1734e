"""`python -m product_service.migrate`: bring the product database to the newest revision."""

from servicekit.migrations import upgrade

if __name__ == "__main__":
    upgrade("product_service")
