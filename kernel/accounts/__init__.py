"""Organisations, users, roles and jurisdiction (legal-spec §1.1)."""
