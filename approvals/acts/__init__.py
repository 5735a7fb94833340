"""The deciding organ's legal acts, declared once and taken by the one runner
(`cases.acts.runner.act_run`); importing the package registers them (`approvals.apps`). The
named calls (`case_decide`, `delivery_receipt_record`, ...) stay in `approvals.services`.

- `decision`: `decision_issue` and `court_decision_issue`, one procedure for both deciding
  organs; `opinion_answer`;
- `deliveries`: `delivery_receipt_record`;
- `objections`: `objection_file`, `objection_review`;
- `filing`: `filing_record`;
- `cross_province`: `cross_province_notify`, `fileholder_designate`.
"""

from . import cross_province, decision, deliveries, filing, objections

__all__ = ["cross_province", "decision", "deliveries", "filing", "objections"]
