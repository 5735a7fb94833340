"""Hand-over, condition reviews, events, return to prison and closure (legal-spec §3.4).

Depends on `cases`; `cases` never imports this app. Its models arrive with the supervision
milestone.
"""
