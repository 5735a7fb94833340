"""The declared acts of this part, registered with the runner at import."""

from __future__ import annotations
