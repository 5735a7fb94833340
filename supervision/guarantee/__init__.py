"""The guarantor (P2014 Arts 10-12; D-30, D-31): reports, loss of the conditions, replacement and
history; leave, moves and change of the execution place (CCL Art 27); lost contact (CCL Art 30);
notices of detention or compulsory measures (CCL Art 32).

Decisions worth knowing:
- D-31 ("report immediately", P2014 Art 12 ¶2) is not a clock: the law sets no period. Each
  report keeps when it happened and when it was reported; one later than
  `TEOP_GUARANTOR_REPORT_LATE_HOURS` (default 24) is flagged late.
- D-30 (SPC-Interp Art 516(7)) is a clock of `TEOP_GUARANTOR_REPLACEMENT_DAYS` calendar days
  (default 15, a choice: the retrieved texts do not state the period), opened by the end of a
  guarantor's term, met by the acceptance of a new one. `tasks.guarantee_sweep` (beat, every
  15 minutes) raises the ground once per ended term when the official due time has passed; on a
  provisional estimate it waits for the official date.
- The guarantor confirmed before the release (`cases.Guarantor`) becomes the first
  `GuarantorTerm` the first time an act writes the history; each term links its
  `SupervisionContact` (one active guarantor contact; the replaced ones stay inactive).
- A change of the execution place: on approval the new place's CCI joins the case as executing
  CCI (to receive the documents and the person) but `receiving_officer_of` lets only the
  record's own CCI act; on reception the record and the case move to the new CCI, the former
  one leaves the case and the open clocks pass to the new one.
"""
