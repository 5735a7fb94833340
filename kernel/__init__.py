"""Shared kernel: machinery with no legal rules of its own."""
