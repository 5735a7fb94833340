"""The demo province: organisations, accounts, signing keys and cases at every step.

The one app that may import every other (cases, approvals, supervision, kernel): it builds
its data with their services, as users would, so `cases` never imports `approvals`."""
