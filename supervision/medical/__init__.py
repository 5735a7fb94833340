"""The re-examinations (P2014 Arts 9, 21): the provincial registry of designated hospitals,
postponement, reminders to the person and the guarantor (D-15b), the review record (DOC-25);
pregnancy and nursing (legal-spec E-11, E-12).
"""
