"""The deciding organ's legal acts, declared once and taken by the one runner
(`cases.acts.runner.act_run`); importing the package registers them (`approvals.apps`).

- `decision`: `decision_issue` and `court_decision_issue`, one procedure for both organs.
"""

from . import decision

__all__ = ["decision"]
