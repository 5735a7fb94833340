"""Cross-cutting web security: trusted proxy, session lifetime, private responses, safe CSV."""
