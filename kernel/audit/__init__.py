"""Append-only, hash-chained audit log (house style rule 5)."""
