"""The API gateway: authenticate, decide per declared route, forward with a context token."""
