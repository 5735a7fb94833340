"""Reads for the signing pages."""

from __future__ import annotations

from typing import Any

from .models import SecondFactor


def second_factor_get_for_user(user: Any) -> SecondFactor | None:
    """The user's own authenticator, if enrolled (nobody sees another user's secret)."""
    return SecondFactor.objects.filter(user=user).first()
