"""Sent after a year's official schedule is loaded or corrected, inside the same transaction.

The deadline engine listens to recompute open deadlines that depend on that year
(legal-spec E-01: "recompute when the calendar changes, keeping an audit entry").
"""

from django.dispatch import Signal

#: kwargs: year (int), actor (the user or None)
calendar_year_changed = Signal()
