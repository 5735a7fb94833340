"""The official working-day calendar and the statutory clock (legal-spec §0.4, E-01)."""
