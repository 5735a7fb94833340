"""The deciding organ's acts (legal-spec §3.1 T-B11, T-B11x; P2014 Arts 2 ¶2, 14, 20, 30): their
named calls, one module per act, and the lookups they share. Each act is declared once in
`approvals.acts` (who may, states, requirements with articles, input, effects) and taken by
the one runner; the functions here are thin, greppable calls of it:

* `decision`: `case_decide` (`decision_issue`; the court's `court_decide` is the same act with
  the court's profile), `opinion_answer`, the decision's number and signature;
* `deliveries`: `delivery_receipt_record`, whichever page or the API records a receipt, and
  the residence lookups that name the recipients;
* `objections`: `objection_file`, `objection_review`;
* `filing`: `filing_record`;
* `cross_province`: `cross_province_notify`, `fileholder_designate`, the residence province's
  authority;
* `_common`: who acts for the deciding organ, and the case an act on a record is taken on.

Import from the package (`from approvals.services import case_decide`), not the modules; a
test that patches a name patches it where it is looked up (`approvals.acts.decision`).
"""

from .cross_province import (
    case_institution,
    cross_province_notify,
    fileholder_designate,
    residence_province_authority,
)
from .decision import (
    COURT_DECISION_SERIES,
    DECISION_SERIES,
    case_decide,
    decision_document_sign,
    decision_number_issue,
    opinion_answer,
)
from .deliveries import _residence_public_security, delivery_receipt_record, residence_cci
from .filing import filing_record
from .objections import objection_file, objection_review

__all__ = [
    "COURT_DECISION_SERIES",
    "DECISION_SERIES",
    "_residence_public_security",
    "case_decide",
    "case_institution",
    "cross_province_notify",
    "decision_document_sign",
    "decision_number_issue",
    "delivery_receipt_record",
    "fileholder_designate",
    "filing_record",
    "objection_file",
    "objection_review",
    "opinion_answer",
    "residence_cci",
    "residence_province_authority",
]
