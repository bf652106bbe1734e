"""The identity service: tenants, who may do what in them, and the operator's access."""
