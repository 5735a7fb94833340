"""The court path (legal-spec §3.3 T-A01…T-A06; P2014 Arts 17-19; SPC-Interp Arts 514-515;
CCL Arts 18, 20-21; CPL Art 264): the court decides before the judgment is delivered for
execution.

- `services`: one named function per user action (`court_case_open`, and thin calls of the
  runner for every act on an existing case);
- `acts`: the court path's own acts, declared once (entrusted investigation, consultation,
  the procuratorate's reply, service of the execution documents);
- `rules`: the articles, who acts for the court, what the decision still requires;
- `selectors`: the reads scoped to the user, the court's clocks;
- `investigation`: what the entrusted investigation (T-A03) reads;
- `documents`: DOC-16C / DOC-18;
- `views`, `forms`, `urls`: the court's screens.

Importers use the package (`from approvals.court import court_case_open`): this module
re-exports the names they use. It does not import the views, so the deciding organ's acts
(`approvals.acts.decision`) may import it.
"""

from .acts import (
    COURT_ACTS,
    COURT_CONSULT_PROCURATORATE,
    COURT_INVESTIGATION_ENTRUST,
    COURT_INVESTIGATION_REPORT,
    COURT_PROCURATORATE_REPLY,
    EXECUTION_DOCUMENTS_SERVED_RECORD,
)
from .documents import DOC_16C, DOC_18, court_decision_context
from .investigation import (
    court_investigation_choices,
    court_investigation_get_for_user,
    court_investigation_list_for_user,
    investigation_url,
)
from .rules import (
    ART_18_CONSULT,
    COURT_STEPS,
    court_decision_missing,
    court_staff_of,
    served_refusal,
)
from .selectors import (
    COURT_CLOCKS,
    court_clocks,
    court_executing_organs,
    court_offender_get_for_user,
    court_offender_list_for_user,
)
from .services import (
    COURT_CASE_SERIES,
    COURT_RECORD_ACTS,
    court_advance,
    court_case_open,
    court_consult_procuratorate,
    court_decide,
    court_investigation_entrust,
    court_investigation_report,
    court_procuratorate_reply,
    court_record_save,
    execution_documents_served_record,
)

__all__ = [
    "ART_18_CONSULT",
    "COURT_ACTS",
    "COURT_CASE_SERIES",
    "COURT_CLOCKS",
    "COURT_CONSULT_PROCURATORATE",
    "COURT_INVESTIGATION_ENTRUST",
    "COURT_INVESTIGATION_REPORT",
    "COURT_PROCURATORATE_REPLY",
    "COURT_RECORD_ACTS",
    "COURT_STEPS",
    "DOC_16C",
    "DOC_18",
    "EXECUTION_DOCUMENTS_SERVED_RECORD",
    "court_advance",
    "court_case_open",
    "court_clocks",
    "court_consult_procuratorate",
    "court_decide",
    "court_decision_context",
    "court_decision_missing",
    "court_executing_organs",
    "court_investigation_choices",
    "court_investigation_entrust",
    "court_investigation_get_for_user",
    "court_investigation_list_for_user",
    "court_investigation_report",
    "court_offender_get_for_user",
    "court_offender_list_for_user",
    "court_procuratorate_reply",
    "court_record_save",
    "court_staff_of",
    "execution_documents_served_record",
    "investigation_url",
    "served_refusal",
]
