"""procuracy.rectification: see procuracy/__init__.py."""
