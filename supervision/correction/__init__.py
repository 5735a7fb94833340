"""The correction team and plan (CCL Arts 24-25), graded management, juveniles (CCL Arts 52-58) and
the field verification log.

- The team (矫正小组, CCL Art 25): members with their role, sex and dates; at least one woman
  when the person is a woman (¶2), the guarantor among them (P2014 Art 12), the guardian for a
  juvenile (CCL Art 53). Members who leave keep their row with the date they left.
- The plan (矫正方案, CCL Art 24): the person's situation, the measures and the supervision grade
  (分类管理); each adjustment is a new version, the earlier ones stay.
- The field verification log (实地查访, 信息化核查, 视频点验): each at the frequency the grade sets,
  a statutory clock per grade (D-34s, D-34o, D-34l; see `supervision.correction.clocks`).
- Juveniles (CCL Arts 52-58): marked at the plan's adoption; their identity is shown only to
  the executing CCI and the judicial organs (`supervision.correction.confidentiality`).
"""
