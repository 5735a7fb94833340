"""Legal acts declared once and taken by one runner (see `declaration`, `runner`)."""
