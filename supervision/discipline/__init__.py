"""Rewards and sanctions (CCL Art 28): praise, reprimand, warnings (DOC-42), requests for a public-
security penalty; electronic monitoring (CCL Art 29, D-24).
"""
