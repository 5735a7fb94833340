"""What an audit action is called on screens (issue 14: no raw code such as
"case.record.MedicalCertificate" on a page).

The kernel names its own actions here; an app whose acts write audit events registers a
source that names them (cases registers every declared act by its label), so the kernel never
imports an app. An action nobody names is shown as "Other act" with its code beside it, marked
as code, for the system administrator.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Promise] = {
    "anomalies.exported": _("Anomaly list exported"),
    "audit.legacy_sealed": _("Earlier audit events sealed"),
    "calendar.year_loaded": _("Official calendar of a year loaded"),
    "calendar.year_corrected": _("Official calendar of a year corrected"),
    "case.court_opened": _("Court case opened"),
    "case.list_exported": _("Case list exported"),
    "case.opened": _("Case opened"),
    "catalogue.loaded": _("Illness catalogue loaded"),
    "deadline.met": _("Time limit met"),
    "deadline.opened": _("Time limit started"),
    "deadline.recomputed": _("Time limit recomputed"),
    "deadline.resumed": _("Time limit resumed"),
    "deadline.suspended": _("Time limit paused"),
    "deadline.waived": _("Time limit waived"),
    "document.downloaded": _("Document downloaded"),
    "document.issued": _("Document issued"),
    "document.signed": _("Document signed"),
    "document.viewed": _("Document viewed"),
    "evidence.uploaded": _("Evidence uploaded"),
    "evidence.viewed": _("Evidence viewed"),
    "external_record.matched": _("Record of another organ matched"),
    "external_records.imported": _("Records of other organs imported"),
    "offender.registered": _("Offender registered"),
    "reader.setting_changed": _("Reading requirement changed"),
    "second_factor.admin_reset": _("Second factor reset by the administrator"),
    "second_factor.confirmed": _("Second factor confirmed"),
    "second_factor.enrolled": _("Second factor enrolled"),
    "second_factor.locked": _("Second factor locked"),
    "second_factor.refused_while_locked": _("Second factor refused while locked"),
    "second_factor.wrong_code": _("Wrong one-time code"),
    "sentence.commutation_recorded": _("Commutation recorded"),
    "sentence.non_counted_period": _("Period not counted recorded"),
    "sign_in.lockout_lifted": _("Sign-in lockout lifted"),
    "supervision.selfreport_attachment_viewed": _("Attachment of a report viewed"),
}

#: Other namers of actions, asked in order (apps register theirs in `ready()`).
_SOURCES: list[Callable[[str], str | Promise | None]] = []
#: Namers of states: from a state's code to its label.
_STATE_SOURCES: list[Callable[[str], str | Promise | None]] = []


def action_label_source_register(source: Callable[[str], str | Promise | None]) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def state_label_source_register(source: Callable[[str], str | Promise | None]) -> None:
    if source not in _STATE_SOURCES:
        _STATE_SOURCES.append(source)


def action_label(action: str) -> str | None:
    """The words for `action`, or None when nobody names it."""
    if action in ACTION_LABELS:
        return str(ACTION_LABELS[action])
    for source in _SOURCES:
        label = source(action)
        if label:
            return str(label)
    return None


def state_label(state: str) -> str:
    for source in _STATE_SOURCES:
        label = source(state)
        if label:
            return str(label)
    return state
