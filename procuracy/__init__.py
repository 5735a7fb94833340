"""The procurator's lane (legal-spec §3.5): the procuratorate's own receipt of what it is sent,
its supervisory acts P1-P11, and the anomaly dashboard of its jurisdiction.

`procuracy` sits above `cases`, `approvals` and `supervision`: it reads them all, none of them
imports it. Its parts are packages, as in `supervision/`:

- `receipt/`: copies and notices received by the procuratorate itself (the clocks D-09, D-10
  start at its acknowledgement), its inbox, the sender's alert for an unacknowledged copy;
- `review/`: P1, P5, P6, P7/P8, P10, P11;
- `rectification/`: P9, rectification opinions oral and written (D-25, DOC-36), replies (D-26),
  procuratorial suggestions;
- `anomalies/`: the legal-supervision signals, computed in SQL, with the cases behind each;
- `imports/`: records of other organs (court rulings, detention, compulsory measures, deaths),
  imported by CSV or API and matched to people by identity number.
"""
