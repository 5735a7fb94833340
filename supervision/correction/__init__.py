"""The correction team and plan (CCL Arts 24-25), graded management, juveniles (CCL Arts 52-58) and
the field verification log.
"""
