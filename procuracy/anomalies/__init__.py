"""procuracy.anomalies: see procuracy/__init__.py."""
