"""procuracy.imports: see procuracy/__init__.py."""
