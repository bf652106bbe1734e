"""The claims service.

Claims registration, handling, reserves and payments.
"""
