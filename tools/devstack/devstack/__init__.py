"""The local platform: PostgreSQL, NATS, Keycloak, the services and the gateway as processes."""
