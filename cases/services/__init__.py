"""One function per user action (house style rule 2), grouped by part of the case file."""

from .registration import case_apply, case_open, commutation_record, offender_register

__all__ = ["case_apply", "case_open", "commutation_record", "offender_register"]
