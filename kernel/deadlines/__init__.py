"""Statutory clocks: one `Deadline` per clock, an alert ladder whose rungs fire exactly once,
suspension, recomputation on calendar changes (legal-spec §4)."""
