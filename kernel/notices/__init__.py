"""Notices through a transactional outbox: written with the event that causes them, delivered
by a relay through Celery, at least once, with a delivery key making repeats no-ops."""
