"""procuracy.receipt: see procuracy/__init__.py."""
