"""Models of this part (imported by `supervision.models`)."""

from __future__ import annotations
