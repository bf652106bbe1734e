"""The policy service.

Relations (names and addresses), applications, policies, mutations, premium invoices and
credit notes.
"""
