"""The guarantor (P2014 Arts 10-12; D-30, D-31): reports, loss of the conditions, replacement and
history; leave, moves and change of the execution place (CCL Art 27); lost contact (CCL Art 30);
notices of detention or compulsory measures (CCL Art 32).
"""
