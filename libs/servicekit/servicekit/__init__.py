"""Plumbing shared by the back-office services and the gateway.

One obvious place for each thing: settings, logging, telemetry, problem answers, the gateway's
context token, the database with row-level security, the outbox relay and the inbox consumers.
"""
