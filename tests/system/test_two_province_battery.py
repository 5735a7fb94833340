"""Nothing of one province reaches the other (issue #9 item 3; house style rule 3).

Two complete provinces, Zhejiang and Jiangsu, built with the services (`tests.provinces`).
Every user of each province, and an anonymous visitor, asks for every route of every app
(cases, approvals, court, supervision, public, API, downloads, notices, deadlines) with the
other province's objects: each answer must be a refusal (403/404/405, or the login page for
a visitor), never the object. Every list, search and download is read by every user of both
provinces and must not mention the other province. Every form page that offers organisations
is drawn for every user of its province and must offer none of the other's. And the database
itself must hold no notice, clock or participation of one province on the other's case.

The battery counts its requests and the leaks; `pytest_terminal_summary` in this directory's
conftest prints "jurisdiction battery: N requests, 0 leaks" (also written to
`var/jurisdiction-battery.txt`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from approvals.models import Publication
from cases.models import Case
from cases.workflow_forms import RECORD_FORMS
from kernel.accounts.models import Organisation
from kernel.deadlines.models import Deadline
from kernel.notices.models import Notice
from tests.provinces import Province

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

#: Filled by the battery, read by `tests/system/conftest.py` for the terminal summary.
TALLY: dict[str, int] = {"requests": 0, "leaks": 0}


@dataclass
class Run:
    requests: int = 0
    leaks: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    clients: dict[int, Client] = field(default_factory=dict)

    def client(self, user: object | None) -> Client:
        if user is None:
            return Client()
        key = user.pk  # type: ignore[attr-defined]
        if key not in self.clients:
            self.clients[key] = Client()
            self.clients[key].force_login(user)  # type: ignore[arg-type]
        return self.clients[key]

    def ask(self, user: object | None, method: str, url: str, data: dict | None = None):
        self.requests += 1
        client = self.client(user)
        send = client.get if method == "get" else client.post
        response = send(url, data or {})
        if response.status_code >= 500:
            self.failures.append(f"{response.status_code} {method.upper()} {url} as {user}")
        return response


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


# The routes with an object of a province in them: (route name, method, kwargs per object).

Objects = Callable[[Province], Iterable[dict[str, object]]]


def _cases(p: Province) -> list[dict[str, object]]:
    return [{"pk": c.pk} for c in p.cases.values()]


def _court_case(p: Province) -> list[dict[str, object]]:
    return [{"pk": p.cases["court"].pk}]


def _offenders(p: Province) -> list[dict[str, object]]:
    return [{"pk": o.pk} for o in p.offenders.values()]


def _offender_pks(p: Province) -> list[dict[str, object]]:
    return [{"offender_pk": o.pk} for o in p.offenders.values()]


def _approved(p: Province) -> dict[str, object]:
    return {"pk": p.cases["approved"].pk}


def _deliveries(p: Province) -> list[dict[str, object]]:
    assert p.decision is not None
    return [{**_approved(p), "delivery_id": d.pk} for d in p.decision.deliveries.all()]


def _evidence(p: Province) -> list[dict[str, object]]:
    case = p.cases["approved"]
    return [{"pk": case.pk, "evidence_id": e.pk} for e in case.evidence.all()]


def _opinions(p: Province) -> list[dict[str, object]]:
    case = p.cases["proposed"]
    return [{"pk": case.pk, "opinion_id": o.pk} for o in case.procuratorial_opinions.all()]


def _objections(p: Province) -> list[dict[str, object]]:
    # No objection exists yet: the case is refused before the id is looked at.
    return [{**_approved(p), "objection_id": 1}]


def _reader_documents(p: Province) -> list[dict[str, object]]:
    """Every document of every case of the province in the dossier reader (issue 13)."""
    from cases.reader.services import reader_documents

    return [{"pk": c.pk, "key": d.key} for c in p.cases.values() for d in reader_documents(c)]


def _steps(p: Province) -> list[dict[str, object]]:
    return [{"pk": c["pk"], "step": "screen"} for c in _cases(p)]


def _records(p: Province) -> list[dict[str, object]]:
    return [{"pk": c["pk"], "kind": kind} for c in _cases(p) for kind in RECORD_FORMS]


def _case_file_records(p: Province) -> list[dict[str, object]]:
    """Every record of the case files, to correct or withdraw (issue 10 item 4)."""
    from cases.models.workflow import CASE_FILE_RECORDS

    return [
        {"pk": c.pk, "kind": kind, "record_id": r.pk}
        for c in p.cases.values()
        for kind, model in CASE_FILE_RECORDS.items()
        for r in model.objects.filter(case=c)
    ]


def _documents(p: Province) -> list[dict[str, object]]:
    return [{"pk": c["pk"], "document": "approval-form"} for c in _cases(p)]


def _issuable_documents(p: Province) -> list[dict[str, object]]:
    """The documents issued from the case page (issue 14), on every case of the province."""
    from cases.documents import ISSUABLE

    return [{"pk": c["pk"], "document": d} for c in _cases(p) for d in ISSUABLE]


def _deadlines(p: Province) -> list[dict[str, object]]:
    from django.contrib.contenttypes.models import ContentType

    ids = [c.pk for c in p.cases.values()]
    deadlines = Deadline.objects.filter(
        subject_type=ContentType.objects.get_for_model(Case), subject_id__in=ids
    )
    return [{"pk": d.pk} for d in deadlines]


def _notices(p: Province) -> list[dict[str, object]]:
    users = [u.pk for u in p.users.values()]
    return [{"pk": n.pk} for n in Notice.objects.filter(recipient_id__in=users)[:10]]


def _api_steps(p: Province) -> list[dict[str, object]]:
    return [{"pk": c["pk"], "step": "screen"} for c in _cases(p)]


def _users(p: Province) -> list[dict[str, object]]:
    return [{"user_id": u.pk} for u in p.users.values()]


def _import_batches(p: Province) -> list[dict[str, object]]:
    """An import of records of other organs by the province's prison procuratorate, matched to
    its people (issue 13), made on first use: the other province's users must not open it."""
    from procuracy.imports.services import ImportRow, external_records_import

    batch = getattr(p, "import_batch", None)
    if batch is None:
        rows = [
            ImportRow(
                n,
                {
                    "source_ref": f"{p.label}-{o.pk}",
                    "kind": "detention",
                    "id_number": o.id_number,
                    "name": o.name,
                    "occurred_on": "2020-01-02",
                },
            )
            for n, o in enumerate(p.offenders.values(), start=2)
        ]
        batch = external_records_import(
            actor=p.users["procurator_prison"],
            organisation=p.orgs["proc_prison"],
            source=f"{p.label}公安",
            rows=rows,
            channel="api",
        )
        p.import_batch = batch  # type: ignore[attr-defined]
    return [{"pk": batch.pk}]


def _hospital_requests(p: Province) -> list[dict[str, object]]:
    """A re-assessment addressed to the province's designated hospital (issue 13), made on first
    use: the other province's liaison must not open it."""
    from procuracy.review.models import Reassessment

    record = getattr(p, "hospital_request", None)
    if record is None:
        record = Reassessment.objects.create(
            case=p.cases["approved"],
            procuratorate=p.orgs["proc_prison"],
            recorded_by=p.users["procurator_prison"],
            assessment="diagnosis",
            hospital=p.orgs["hospital"],
            performed_by=p.orgs["hospital"].name,
            reasons="复查",
            due_on=p.cases["approved"].opened_on,
        )
        p.hospital_request = record  # type: ignore[attr-defined]
    return [{"pk": record.pk}]


def _hospital_scans(p: Province) -> list[dict[str, object]]:
    """A self-care identification formed at the province's designated hospital (P2014 Art 9),
    made on first use: the other province's liaison must not attach its scan."""
    import datetime as dt

    from cases.models import SelfCareIdentification

    record = getattr(p, "hospital_identification", None)
    if record is None:
        record = SelfCareIdentification.objects.create(
            case=p.cases["approved"],
            identified_on=dt.date(2026, 3, 6),
            members="甲\n乙\n丙",
            medical_members=2,
            cause="illness",
            observation_start=dt.date(2026, 2, 1),
            hospital=p.orgs["hospital"],
        )
        p.hospital_identification = record  # type: ignore[attr-defined]
    return [{"kind": "identification", "pk": record.pk}]


def _act_routes() -> list[tuple[str, str, Objects]]:
    """Every declared act's API endpoint (`cases.acts.api`), from the registry: an act added by
    any app is visited by every user of the other province without being listed here."""
    from cases.acts.registry import ACTS

    return [(f"api:act-{name}", "post", _cases) for name in sorted(ACTS)]


OBJECT_ROUTES: list[tuple[str, str, Objects]] = [
    ("cases:case_detail", "get", _cases),
    ("cases:case_step", "post", _steps),
    ("cases:case_record", "post", _records),
    ("cases:case_record", "get", _records),
    ("cases:objection_examine", "post", _objections),
    ("cases:case_record_correct", "post", _case_file_records),
    ("cases:case_record_withdraw", "post", _case_file_records),
    ("cases:case_record_correct", "get", _case_file_records),
    ("cases:case_record_withdraw", "get", _case_file_records),
    ("cases:evidence_add", "post", _cases),
    ("cases:evidence_download", "get", _evidence),
    ("cases:case_document", "get", _documents),
    ("cases:case_document_issue", "post", _issuable_documents),
    ("cases:case_eligibility", "post", _cases),
    ("cases:case_eligibility", "get", _cases),
    ("cases:opinion_add", "post", _cases),
    ("cases:offender_detail", "get", _offenders),
    ("cases:case_new", "get", _offender_pks),
    ("cases:case_new", "post", _offender_pks),
    ("cases:commutation_create", "post", _offenders),
    ("approvals:court_open", "get", _offender_pks),
    ("approvals:court_open", "post", _offender_pks),
    ("approvals:court_case", "get", _court_case),
    ("approvals:court_advance", "post", _court_case),
    ("approvals:court_eligibility", "post", _court_case),
    ("approvals:court_record", "post", lambda p: [{**_court_case(p)[0], "kind": "certificate"}]),
    ("approvals:court_consult", "post", _court_case),
    ("approvals:court_reply", "post", _court_case),
    ("approvals:court_decide", "post", _court_case),
    ("approvals:court_served", "post", _court_case),
    # The entrusted investigation, seen by the institution entrusted (issue 13).
    ("cases:inquiry", "get", _cases),
    ("cases:inquiry", "post", _cases),
    ("approvals:court_investigation_entrust", "post", _court_case),
    ("approvals:court_investigation", "get", _court_case),
    ("approvals:court_investigation", "post", _court_case),
    (
        "approvals:court_delivery_receipt",
        "post",
        lambda p: [{**_court_case(p)[0], "delivery_id": d["delivery_id"]} for d in _deliveries(p)],
    ),
    ("approvals:decide", "get", _cases),
    ("approvals:decide", "post", _cases),
    ("approvals:decision_pdf", "get", _cases),
    ("approvals:answer", "post", _opinions),
    ("approvals:objection", "get", _cases),
    ("approvals:objection", "post", _cases),
    ("approvals:filing", "post", _cases),
    ("approvals:cross_province", "post", _cases),
    ("approvals:designate", "post", _cases),
    ("approvals:objection_reexamine", "post", _objections),
    ("approvals:delivery_receipt", "post", _deliveries),
    ("supervision:release", "get", _cases),
    ("supervision:acknowledge", "post", _cases),
    ("supervision:prepare", "post", _cases),
    ("supervision:record", "post", _cases),
    ("supervision:do_release", "post", _cases),
    ("supervision:announcement", "post", _cases),
    ("supervision:hand_over", "post", _cases),
    ("supervision:reception", "post", _cases),
    ("supervision:public_security_hand_over", "post", _cases),
    ("supervision:community", "get", _cases),
    # The procurator's lane (issue 13).
    ("procuracy:lane", "get", _cases),
    # procuracy.imports: a batch of records of other organs, a person's records (issue 13).
    ("procuracy:imports_batch", "get", _import_batches),
    ("procuracy:review_hospital_request", "get", _hospital_requests),
    ("procuracy:review_hospital_request", "post", _hospital_requests),
    ("procuracy:review_hospital_scan", "post", _hospital_scans),
    ("procuracy:imports_offender_records", "get", _offenders),
    ("api:external-records-import-detail", "get", _import_batches),
    ("procuracy:receipt_copy_acknowledge", "post", _cases),
    ("procuracy:receipt_delivery_acknowledge", "post", _cases),
    ("procuracy:receipt_record_acknowledge", "post", _cases),
    # The dossier reader (issue 13): the page, each document, the pages read, notes, setting.
    ("cases:reader", "get", _cases),
    ("cases:reader_document", "get", _reader_documents),
    ("cases:reader_readings", "post", _cases),
    ("cases:reader_note_add", "post", _cases),
    ("cases:reader_setting", "post", _cases),
    # procuracy.review: the supervisory acts P1, P5-P8, P10 (issue 13).
    ("procuracy:review_attendance", "post", _cases),
    ("procuracy:review_decision", "post", _cases),
    ("procuracy:review_report_up", "post", _cases),
    ("procuracy:review_report_decide", "post", _cases),
    ("procuracy:review_reexamination", "post", _cases),
    ("procuracy:review_files", "post", _cases),
    ("procuracy:review_reassessment", "post", _cases),
    ("procuracy:review_reassessment_result", "post", _cases),
    # procuracy.rectification: opinions, suggestions, replies and the written opinion (DOC-36).
    ("procuracy:rectification_oral", "post", _cases),
    ("procuracy:rectification_correction", "post", _cases),
    ("procuracy:rectification_written", "post", _cases),
    ("procuracy:rectification_reply", "post", _cases),
    ("procuracy:rectification_suggestion", "post", _cases),
    ("procuracy:rectification_suggestion_reply", "post", _cases),
    (
        "procuracy:rectification_document",
        "get",
        lambda p: [{**c, "document_id": 1} for c in _cases(p)],
    ),
    ("supervision:condition_review", "post", _cases),
    ("supervision:expiry_notice", "post", _cases),
    ("supervision:sentence_expired", "post", _cases),
    ("supervision:death", "post", _cases),
    # A document of another province's supervision record: the case is not found first.
    (
        "supervision:caseload_document",
        "get",
        lambda p: [{**c, "document_id": 1} for c in _cases(p)],
    ),
    # supervision.medical: postponement, birth, the review record (DOC-25).
    ("supervision:medical_postponement_request", "post", _cases),
    ("supervision:medical_postponement_decide", "post", _cases),
    ("supervision:medical_birth", "post", _cases),
    (
        "supervision:medical_review_record",
        "get",
        lambda p: [{**c, "review_id": 1} for c in _cases(p)],
    ),
    # supervision.correction: the team, the plan and the verification log (CCL Arts 24-25).
    ("supervision:correction_team_add", "post", _cases),
    ("supervision:correction_team_remove", "post", _cases),
    ("supervision:correction_plan_adopt", "post", _cases),
    ("supervision:correction_plan_adjust", "post", _cases),
    ("supervision:correction_verification", "post", _cases),
    # supervision.discipline: rewards and sanctions, electronic monitoring (CCL Arts 28-29).
    ("supervision:discipline_praise", "post", _cases),
    ("supervision:discipline_reprimand", "post", _cases),
    ("supervision:discipline_warning", "post", _cases),
    ("supervision:discipline_penalty_request", "post", _cases),
    ("supervision:discipline_correction", "post", _cases),
    ("supervision:discipline_monitoring_approve", "post", _cases),
    ("supervision:discipline_monitoring_extend", "post", _cases),
    ("supervision:discipline_monitoring_end", "post", _cases),
    (
        "supervision:discipline_document",
        "get",
        lambda p: [{**c, "document_id": 1} for c in _cases(p)],
    ),
    # supervision.recalculation: the period not counted (P2014 Art 26; T-S07).
    ("supervision:recalculation_notice", "post", _cases),
    ("supervision:recalculation_propose", "post", _cases),
    ("supervision:recalculation_receipt", "post", _cases),
    ("supervision:recalculation_rule", "post", _cases),
    (
        "supervision:recalculation_document",
        "get",
        lambda p: [{**c, "document_id": 1} for c in _cases(p)],
    ),
    ("supervision:guarantee_contact", "post", _cases),
    ("supervision:guarantee_report", "post", _cases),
    ("supervision:guarantee_term_end", "post", _cases),
    ("supervision:guarantee_propose", "post", _cases),
    ("supervision:guarantee_accept", "post", _cases),
    ("supervision:guarantee_request", "post", _cases),
    ("supervision:guarantee_decide", "post", _cases),
    ("supervision:guarantee_return", "post", _cases),
    ("supervision:guarantee_receive", "post", _cases),
    ("supervision:guarantee_lost", "post", _cases),
    ("supervision:guarantee_found", "post", _cases),
    ("supervision:guarantee_escape", "post", _cases),
    ("supervision:guarantee_custody", "post", _cases),
    # supervision.revocation: the proposal, its examination, the suggestion, their documents.
    ("supervision:revocation_propose", "post", _cases),
    ("supervision:revocation_examine", "post", _cases),
    ("supervision:revocation_suggest", "post", _cases),
    (
        "supervision:revocation_document",
        "get",
        lambda p: [{**c, "document_id": 1} for c in _cases(p)],
    ),
    # supervision.selfreport: the officer's acts and the files sent with a report.
    ("supervision:selfreport_contact", "post", _cases),
    ("supervision:selfreport_link", "post", _cases),
    ("supervision:selfreport_link_revoke", "post", _cases),
    ("supervision:selfreport_accept", "post", _cases),
    ("supervision:selfreport_reject", "post", _cases),
    (
        "supervision:selfreport_attachment",
        "get",
        lambda p: [{"pk": c["pk"], "attachment": 1} for c in _cases(p)],
    ),
    # supervision.custody: the return to custody (P2014 Arts 24-25) and its report (DOC-30).
    ("supervision:custody_designate", "post", _cases),
    ("supervision:custody_return", "post", _cases),
    ("supervision:custody_abscond", "post", _cases),
    ("supervision:custody_arrest", "post", _cases),
    ("supervision:custody_report", "get", _cases),
    ("supervision:custody_report_receipt", "post", _cases),
    # supervision.newcrime: a new or undiscovered crime (issue 12).
    ("supervision:newcrime_measure", "post", _cases),
    ("supervision:newcrime_judgment", "post", _cases),
    ("supervision:newcrime_close", "post", _cases),
    # supervision.imprisonment: the deciding organ's receipt and decision, the decisions' PDFs.
    ("supervision:imprisonment_receipt", "post", _cases),
    ("supervision:imprisonment_decide", "post", _cases),
    (
        "supervision:imprisonment_document",
        "get",
        lambda p: [{**c, "decision_id": 1} for c in _cases(p)],
    ),
    ("api:case-detail", "get", _cases),
    ("api:case-step", "post", _api_steps),
    ("api:offender-detail", "get", _offenders),
    ("api:case-acts", "get", _cases),
    *_act_routes(),
    # Only a system administrator of the user's organisation tree; the other province's: 404.
    ("api:admin-second-factor-reset", "post", _users),
    ("deadline_detail", "get", _deadlines),
    ("notices:read", "post", _notices),
]

#: Lists, searches and downloads: (route name, query parameters per province searched for).
LIST_ROUTES: list[tuple[str, Callable[[Province], list[dict[str, str]]]]] = [
    ("cases:my_work", lambda p: [{}]),
    ("cases:case_list", lambda p: [{}, *({"q": o.name} for o in p.offenders.values())]),
    ("cases:case_list", lambda p: [{"q": c.number} for c in p.cases.values()]),
    ("cases:case_export", lambda p: [{}, {"q": p.label}]),
    ("cases:offender_list", lambda p: [{}, *({"q": o.id_number} for o in p.offenders.values())]),
    ("approvals:court_defendants", lambda p: [{}]),
    ("approvals:court_investigations", lambda p: [{}]),
    ("cases:inquiry_inbox", lambda p: [{}]),
    # The public security organ executing bail on the court path (issue 13).
    ("supervision:public_security_inbox", lambda p: [{}]),
    ("procuracy:review_hospital_requests", lambda p: [{}]),
    ("notices:list", lambda p: [{}]),
    ("api:case-list", lambda p: [{}, {"q": p.label}]),
    ("api:offender-list", lambda p: [{}, *({"q": o.id_number} for o in p.offenders.values())]),
    ("cases:offender_create", lambda p: [{}]),
    (
        "supervision:caseload",
        lambda p: [
            {},
            {"state": "all"},
            *({"q": o.name, "state": "all"} for o in p.offenders.values()),
            *({"q": c.number, "state": "all"} for c in p.cases.values()),
        ],
    ),
    ("supervision:caseload_reviews", lambda p: [{}]),
    ("supervision:selfreport_inbox", lambda p: [{}]),
    # The imports of the user's procuratorate (issue 13) and the CSV template.
    ("procuracy:imports_list", lambda p: [{}]),
    ("procuracy:imports_template", lambda p: [{}]),
    ("procuracy:receipt_inbox", lambda p: [{}]),
    # The anomaly dashboard of the procuratorate's jurisdiction and its export (issue 13).
    ("procuracy:anomalies_dashboard", lambda p: [{}]),
    ("procuracy:anomalies_export", lambda p: [{}]),
]

#: Lists whose path names what they list (not an object of a province): (route, its path
#: arguments). The cases behind each anomaly signal (issue 13).
ARG_LIST_ROUTES: list[tuple[str, Callable[[], list[dict[str, object]]]]] = [
    ("procuracy:anomalies_signal", lambda: [{"code": code} for code in _signal_codes()]),
]


def _signal_codes() -> list[str]:
    from procuracy.anomalies.signals import SIGNALS

    return sorted(SIGNALS)


#: Public by law (Art 14 Internet publication) or holding no case data: every role and a
#: visitor must get an answer that is not a server error; their text is not compared.
PUBLIC_ROUTES = [
    "public:list",
    "public:atom",
    "public:json",
    # Issue 14: the families' self-check and the public statistics (no case data; counts).
    "public_info:self_check",
    "public_info:statistics",
    "public_info:statistics_csv",
    "signing:verify",
    "workcalendar:calculator",
    "api:add_working_days",
]

#: Routes the battery does not visit, and why.
NOT_PROVINCIAL = {
    "admin",  # Django admin: superusers only
    "set_language",
    "login",
    "logout",
    "schema",
    "api_docs",
    "api:api-root",
    "deadline_health",
    "audit:event_list",  # system administrators (kernel/audit is rewritten under #9 item 4)
    "workcalendar:year_list",
    "workcalendar:year_import",
    "workcalendar:year_detail",
    "notices:read_all",  # marks the user's own notices read
    "api:eligibility_assess",  # takes no case id: the facts are posted
    "signing:second_factor",
    "signing:second_factor_users",
    "signing:second_factor_reset",
    "security:lockouts",
    # Takes the user name in the body, no object in the path; its scope (another organ's user
    # name: 404) is tested in tests/kernel/test_admin_acts_api.py.
    "api:admin-lockout-lift",
    # An import of records of other organs for the user's own organisation: no object in the
    # path; batches are read through api:external-records-import-detail (visited), and its
    # roles and scope are tested in tests/procuracy/test_imports_api.py.
    "api:external-records-import",
    # The provincial lists of designated hospitals (P2014 Art 9): public documents listing
    # hospitals, no case data; every staff member may read every province's list.
    "supervision:medical_hospitals",
    # The reporting page of the person under supervision and the guarantor: no login, the
    # personal link's random token is the key (unknown or revoked: a plain 404, whoever asks);
    # tested in tests/supervision/test_selfreport_*.py.
    "supervision:selfreport_page",
    "supervision:selfreport_code",
    "supervision:selfreport_verify",
    "supervision:selfreport_leave",
    "supervision:selfreport_send",
}


def _route_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: Iterable[object], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                walk(pattern.url_patterns, f"{namespace}{ns}:" if ns else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return {n for n in names if not n.startswith("admin:") and not n.endswith("-format")}


def _refused(response, anonymous: bool) -> bool:
    if response.status_code in (403, 404, 405):
        return True
    if anonymous and response.status_code in (302, 401):
        return response.status_code == 401 or "/accounts/login/" in response["Location"]
    return False


def _pairs(users: list, objects: list) -> list[tuple]:
    """Every user with one object and every object with one user, round robin: each role of
    the province meets the route, and each of the other province's objects is tried."""
    return [
        (users[i % len(users)], objects[i % len(objects)])
        for i in range(max(len(users), len(objects)))
    ]


def _object_battery(run: Run, home: Province, other: Province) -> None:
    """Every user of `home`, and a visitor, ask for the objects of `other` on every route."""
    askers = [None, *home.users.values()]
    for name, method, objects in OBJECT_ROUTES:
        for user, kwargs in _pairs(askers, list(objects(other))):
            url = reverse(name, kwargs=kwargs)
            response = run.ask(user, method, url)
            if not _refused(response, user is None):
                run.leaks.append(f"{response.status_code} {method.upper()} {url} as {user}")


def _markers(other: Province) -> list[str]:
    """The other province's names and numbers, and the addresses of its objects' pages."""
    return [
        *other.markers(),
        *(f"/cases/{c.pk}/" for c in other.cases.values()),
        *(f"/offenders/{o.pk}/" for o in other.offenders.values()),
    ]


def _list_battery(run: Run, home: Province, other: Province) -> None:
    """Every user of `home` reads every list, searching for what `other` holds; the search
    box repeats the query, so the query itself is not taken for a leak."""
    markers = _markers(other)
    for name, params in LIST_ROUTES:
        url = reverse(name)
        for user, query in _pairs(list(home.users.values()), params(other)):
            response = run.ask(user, "get", url, query)
            if response.status_code != 200:
                continue
            text = _text(response)
            found = [m for m in markers if m in text and m not in query.values()]
            if found:
                run.leaks.append(f"GET {url} {query} as {user} shows {found[:3]}")
    for name, arguments in ARG_LIST_ROUTES:
        for user, kwargs in _pairs(list(home.users.values()), arguments()):
            url = reverse(name, kwargs=kwargs)
            response = run.ask(user, "get", url)
            text = _text(response) if response.status_code == 200 else ""
            found = [m for m in markers if m in text]
            if found:
                run.leaks.append(f"GET {url} as {user} shows {found[:3]}")


#: Form pages that offer organisations, and which user of the province draws each.
FORM_PAGES: list[tuple[str, str, Callable[[Province], dict[str, object]], str]] = [
    # (route, persona, kwargs, an organisation of the province the page must offer)
    ("cases:offender_create", "prison_clerk", lambda p: {}, "court"),
    ("cases:offender_create", "dc_clerk", lambda p: {}, "court"),
    # The records of the step are entered on their own pages (issue 15).
    (
        "cases:case_record",
        "prison_clerk",
        lambda p: {"pk": p.cases["assessment"].pk, "kind": "certificate"},
        "hospital",
    ),
    (
        "cases:case_record",
        "prison_clerk",
        lambda p: {"pk": p.cases["preparation"].pk, "kind": "investigation"},
        "cja",
    ),
    ("cases:case_detail", "prison_clerk", lambda p: {"pk": p.cases["proposed"].pk}, "proc_prison"),
    ("cases:case_detail", "dc_clerk", lambda p: {"pk": p.cases["detention"].pk}, "proc_city"),
    ("approvals:court_case", "court_clerk", lambda p: {"pk": p.cases["court"].pk}, "hospital"),
    ("approvals:court_open", "judge", lambda p: {"offender_pk": p.offenders["court"].pk}, "dc"),
    ("approvals:decide", "approver", lambda p: {"pk": p.cases["proposed"].pk}, "proc_prov"),
]


def _form_battery(run: Run, home: Province, other: Province) -> None:
    """Each form page as every user of its province: none offers the other's organisations;
    the persona who fills it in sees its own province's lawful choice."""
    names = [o.name for o in other.orgs.values()]
    for name, persona, kwargs, expected in FORM_PAGES:
        url = reverse(name, kwargs=kwargs(home))
        for key, user in home.users.items():
            response = run.ask(user, "get", url)
            if response.status_code != 200:
                if key == persona:
                    run.failures.append(f"{response.status_code} GET {url} as its user {user}")
                continue
            text = _text(response)
            found = [n for n in names if n in text]
            if found:
                run.leaks.append(f"form GET {url} as {user} offers {found}")
            if key == persona and home.orgs[expected].name not in text:
                run.failures.append(f"form {url} as {user} does not offer {expected}")


def _forms_offer_only_home(home: Province, other: Province) -> list[str]:
    """The same at the form level, for every record form and every case of the province."""
    from approvals.court.forms import CourtCaseOpenForm, CourtInvestigationForm
    from approvals.forms import FileholderForm, FilingForm
    from cases.forms import SentenceForm

    leaks = []
    foreign = {o.pk for o in other.orgs.values()}
    forms = [
        SentenceForm(institution=home.orgs["prison"]),
        CourtCaseOpenForm(court=home.orgs["court"]),
    ]
    for case in home.cases.values():
        forms += [cls(case=case) for cls in RECORD_FORMS.values()]
        forms += [FilingForm(case=case), FileholderForm(case=case, authority=home.orgs["pab"])]
        forms += [CourtInvestigationForm(case=case)]
    for form in forms:
        for name, form_field in form.fields.items():
            queryset = getattr(form_field, "queryset", None)
            if queryset is not None and queryset.model is Organisation:
                offered = set(queryset.values_list("pk", flat=True))
                if offered & foreign:
                    leaks.append(f"{type(form).__name__}.{name} offers the other province")
    return leaks


def _database_holds_no_crossing(zj: Province, js: Province) -> list[str]:
    """No participation, clock or notice of one province on the other's case."""
    from cases.models import CaseParticipant

    leaks = []
    for home, other in ((zj, js), (js, zj)):
        orgs = [o.pk for o in home.orgs.values()]
        cases = [c.pk for c in other.cases.values()]
        if CaseParticipant.objects.filter(organisation_id__in=orgs, case_id__in=cases).exists():
            leaks.append(f"{home.label} takes part in a case of {other.label}")
        # The clocks on a case itself: a clock on a record (a copy, a delivery: D-09a) has
        # the record's id, which may equal a case's id of the other province.
        if Deadline.objects.filter(
            responsible_organisation_id__in=orgs,
            subject_type__app_label="cases",
            subject_type__model="case",
            subject_id__in=cases,
        ).exists():
            leaks.append(f"{home.label} answers for a clock of {other.label}")
        users = [u.pk for u in home.users.values()]
        for notice in Notice.objects.filter(recipient_id__in=users):
            text = f"{notice.subject} {notice.body}"
            if any(m in text for m in other.markers()):
                leaks.append(f"notice to {notice.recipient} mentions {other.label}: {text[:60]}")
    return leaks


def _own_province_answers(run: Run, p: Province) -> None:
    """The battery is not vacuous: each province's own users get their pages."""
    u, c = p.users, p.cases
    for user, name, kwargs in (
        (u["prison_clerk"], "cases:case_detail", {"pk": c["approved"].pk}),
        (u["procurator_prison"], "cases:case_detail", {"pk": c["proposed"].pk}),
        (u["approver"], "cases:case_detail", {"pk": c["proposed"].pk}),
        (u["dc_clerk"], "cases:case_detail", {"pk": c["detention"].pk}),
        (u["mps_approver"], "cases:case_detail", {"pk": c["detention"].pk}),
        (u["court_clerk"], "approvals:court_case", {"pk": c["court"].pk}),
        (u["judge"], "approvals:court_case", {"pk": c["court"].pk}),
        (u["officer"], "approvals:court_investigation", {"pk": c["court"].pk}),
        (u["officer"], "cases:case_detail", {"pk": c["approved"].pk}),
        (u["prison_clerk"], "supervision:release", {"pk": c["approved"].pk}),
        (u["prison_clerk"], "cases:offender_detail", {"pk": p.offenders["approved"].pk}),
        (u["approver"], "api:case-detail", {"pk": c["approved"].pk}),
        (u["prison_clerk"], "api:offender-detail", {"pk": p.offenders["approved"].pk}),
    ):
        response = run.ask(user, "get", reverse(name, kwargs=kwargs))
        if response.status_code != 200:
            run.failures.append(f"{response.status_code} {name} {kwargs} as its own {user}")
    response = run.ask(u["prison_clerk"], "get", reverse("cases:case_list"))
    if c["approved"].number not in _text(response):
        run.failures.append(f"{p.label} clerk does not see the own case list")


def visited_route_names() -> set[str]:
    """Every route name the battery visits (read by test_every_route_and_act_is_covered)."""
    covered = {name for name, _m, _o in OBJECT_ROUTES} | {name for name, _p in LIST_ROUTES}
    covered |= {name for name, _a in ARG_LIST_ROUTES}
    return covered | set(PUBLIC_ROUTES) | {name for name, *_ in FORM_PAGES} | {"public:detail"}


def unvisited_route_names() -> set[str]:
    """Named routes neither visited nor listed in `NOT_PROVINCIAL` with a reason."""
    return _route_names() - visited_route_names() - set(NOT_PROVINCIAL)


def test_every_route_keeps_each_province_to_itself(two_provinces) -> None:
    zj, js = two_provinces
    assert Publication.objects.count() == 2
    missing = unvisited_route_names()
    assert not missing, f"routes the battery does not visit: {sorted(missing)}"

    run = Run()
    for home, other in ((zj, js), (js, zj)):
        _own_province_answers(run, home)
        _object_battery(run, home, other)
        _list_battery(run, home, other)
        _form_battery(run, home, other)
        run.leaks += _forms_offer_only_home(home, other)
        for user, name in _pairs([None, *home.users.values()], PUBLIC_ROUTES):
            run.ask(user, "get", reverse(name))
        for publication in Publication.objects.all():
            run.ask(None, "get", reverse("public:detail", kwargs={"pk": publication.pk}))
    run.leaks += _database_holds_no_crossing(zj, js)

    TALLY["requests"] += run.requests
    TALLY["leaks"] += len(run.leaks)
    assert not run.failures, run.failures[:20]
    assert not run.leaks, run.leaks[:20]
    assert run.requests > 1000
