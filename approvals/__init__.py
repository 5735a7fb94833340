"""Submission, decision, delivery and publication (legal-spec §3.1 T-B10–T-B14, §3.3).

Depends on `cases`; `cases` never imports this app. Its models arrive with the decision issue.
"""
