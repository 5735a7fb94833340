"""The deciding organ's acts (legal-spec §3.1 T-B11, T-B11x; P2014 Arts 2 ¶2, 14, 20, 30), one
module per act:

* `decision`: the answer to the procuratorial opinion, the decision (number, document,
  signature, clocks, deliveries);
* `deliveries`: the deliveries and their receipts, one entry point whichever page records
  them, and the residence lookups that name the recipients;
* `objections`: the procuratorate's objection and the re-examination;
* `filing`: the filing for review of a duty-crime case;
* `cross_province`: notifying the residence province and designating the file holder;
* `_common`: who acts for the deciding organ.

Import from the package (`from approvals.services import case_decide`), not the modules; a
test that patches a name patches it where it is looked up (`approvals.services.decision`).
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
