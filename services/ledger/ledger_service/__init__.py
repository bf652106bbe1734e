"""The ledger service.

General ledger, debtor and creditor current accounts, bank statements and matching.
"""
