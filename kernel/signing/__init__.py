"""Digital signatures on issued documents (PAdES), a one-time-password second factor, and
verification of a signed PDF by anyone."""
