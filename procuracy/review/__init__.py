"""procuracy.review: see procuracy/__init__.py."""
