"""The product service.

Product design, versions, four-eyes approval, test mode, rating and quotes.
"""
