"""The documents that end community correction, as PDFs in the official layout
(`templates/pdf/`), issued by the acts on the supervision record (`supervision.community_acts`)
in the act's own transaction:

- DOC-32, the written notice of the approaching expiry to the original or file-holding
  institution (P2014 Art 27 ¶1), by `expiry_notice_record`;
- DOC-33, the certificate of termination of community correction (CCL Art 44; P2014 Art 27 ¶2),
  and on the prison and detention-centre paths also the notice of termination to the
  institution that completes the release (legal-spec T-S09, E-23), by `sentence_expired_record`;
- DOC-35, the death notice (P2014 Art 28; CCL Art 51), by `death_record`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cases.acts.declaration import Firing
from cases.jurisdiction import Capacity
from kernel.accounts.models import Organisation
from kernel.deadlines.services import deadline_open
from kernel.documents.services import document_issue

from ..acts import organisations_of
from ..models import Supervision
from .models import SupervisionDocument, SupervisionDocumentKind

K = SupervisionDocumentKind

#: kind -> (template, title, the code of the number)
TITLES: dict[str, tuple[str, str, str]] = {
    K.EXPIRY_NOTICE: ("supervision_notice", "社区矫正对象刑期届满书面通知", "届通"),
    K.TERMINATION_CERTIFICATE: ("termination_certificate", "解除社区矫正证明书", "解矫"),
    K.TERMINATION_NOTICE: ("supervision_notice", "解除社区矫正通知书", "解通"),
    K.DEATH_NOTICE: ("supervision_notice", "社区矫正对象死亡通知书", "亡通"),
}


def _ground(record: Supervision) -> str:
    grounds = []
    if record.ground_medical:
        grounds.append("患有严重疾病需要保外就医")
    if record.ground_pregnancy:
        grounds.append("怀孕或者正在哺乳自己婴儿")
    if record.ground_self_care:
        grounds.append("生活不能自理")
    return "、".join(grounds) or "—"


def _day(on: dt.date | None) -> str:
    return f"{on.year}年{on.month}月{on.day}日" if on else "—"


def _facts(record: Supervision) -> list[tuple[str, str]]:
    case = record.case
    offender = case.offender
    return [
        ("姓名", offender.name),
        ("性别", offender.get_sex_display()),
        ("公民身份号码", offender.id_number),
        ("案件编号", case.number),
        ("暂予监外执行情形", _ground(record)),
        ("决定（批准）机关", str(record.deciding_organ or "—")),
        ("接收社区矫正日期", _day(record.opened_at.date())),
        ("刑期届满日", _day(record.expiry_date)),
    ]


def _copies(record: Supervision, addressee: Organisation | None) -> list[str]:
    """Who receives a copy: the deciding organ and the procuratorates of the case."""
    organisations = [record.deciding_organ, *organisations_of(record.case, Capacity.PROCURATORATE)]
    return [str(o) for o in organisations if o is not None and o != addressee]


#: The documents copied to the procuratorates of the case, which each acknowledges (CCL
#: Arts 44, 51; P2014 Art 28).
COPIED_TO_THE_PROCURATORATE = frozenset({K.TERMINATION_CERTIFICATE, K.DEATH_NOTICE})


def _issue(
    firing: Firing,
    record: Supervision,
    kind: str,
    *,
    issued_on: dt.date,
    addressee: Organisation | None,
    context: dict[str, Any],
    number: str = "",
) -> SupervisionDocument:
    template, title, code = TITLES[kind]
    cci = record.executing_cci
    prefix = cci.abbreviation or cci.name
    document = document_issue(
        subject=record.case,
        template=template,
        context={
            "record": record,
            "offender": record.case.offender,
            "addressee": str(addressee) if addressee else "",
            "facts": _facts(record),
            "copies": _copies(record, addressee),
            **context,
        },
        number=number or f"{prefix}{code}〔{issued_on.year}〕{record.pk}号",
        title=title,
        issuing_organisation=cci,
        issued_on=issued_on,
        actor=firing.actor,
    )
    firing.payload.setdefault("documents", []).append(document.pk)
    issued = SupervisionDocument.objects.create(
        supervision=record, kind=kind, document=document, addressee=addressee
    )
    if kind in COPIED_TO_THE_PROCURATORATE and organisations_of(
        record.case, Capacity.PROCURATORATE
    ):
        # The copy awaits the procuratorates' acknowledgement (签收): the CCI's soft clock
        # D-09a (P2014 Art 13 ¶3, TEOP_PROCURATORATE_ACKNOWLEDGE_DAYS working days).
        deadline_open(
            code="D-09a",
            subject=issued,
            trigger_at=timezone.now(),
            responsible_organisation=cci,
            actor=firing.actor,
        )
    return issued


def expiry_notice_issue(firing: Firing, record: Supervision) -> SupervisionDocument:
    """DOC-32: the written notice, within the month before the expiry, asking the original or
    file-holding institution to complete the release formalities (P2014 Art 27 ¶1)."""
    name = record.case.offender.name
    return _issue(
        firing,
        record,
        K.EXPIRY_NOTICE,
        issued_on=record.expiry_notified_on or firing.params["notified_on"],
        addressee=record.custodial_institution,
        context={
            "paragraphs": [
                f"社区矫正对象{name}（案件编号：{record.case.number}）暂予监外执行期间在本机构"
                f"接受社区矫正，其刑期将于{_day(record.expiry_date)}届满。",
                "根据《暂予监外执行规定》第二十七条第一款的规定，特此书面通知你单位，"
                "请按期办理刑满释放手续。",
            ],
        },
    )


def termination_issue(firing: Firing, record: Supervision) -> list[SupervisionDocument]:
    """At expiry: the certificate of termination of community correction (CCL Art 44; on the
    court path P2014 Art 27 ¶2, under the number the officer gives), and on the other paths
    also the notice of termination to the institution that issues the release certificate
    (Prison Law Art 28; legal-spec E-23)."""
    case = record.case
    name = case.offender.name
    ended = record.ended_on or firing.params["expired_on"]
    issued = [
        _issue(
            firing,
            record,
            K.TERMINATION_CERTIFICATE,
            issued_on=ended,
            addressee=None,
            number=record.termination_certificate,
            context={
                "paragraphs": [
                    f"社区矫正对象{name}，自{_day(record.opened_at.date())}起在本机构接受社区矫正。",
                    f"其刑期已于{_day(record.expiry_date)}届满。依照《中华人民共和国社区矫正法》"
                    "第四十四条的规定，解除社区矫正。",
                ],
            },
        )
    ]
    if not case.on_court_path and record.custodial_institution is not None:
        issued.append(
            _issue(
                firing,
                record,
                K.TERMINATION_NOTICE,
                issued_on=ended,
                addressee=record.custodial_institution,
                context={
                    "paragraphs": [
                        f"社区矫正对象{name}（案件编号：{case.number}）刑期已于"
                        f"{_day(record.expiry_date)}届满，本机构已依照《中华人民共和国社区矫正法》"
                        "第四十四条的规定解除社区矫正。",
                        "请你单位依照《中华人民共和国监狱法》第二十八条和《暂予监外执行规定》"
                        "第二十七条的规定办理释放手续，发给释放证明书。",
                    ],
                },
            )
        )
    return issued


def death_notice_issue(firing: Firing, record: Supervision) -> SupervisionDocument:
    """DOC-35: the written notice of death to the deciding organ within five days of the
    discovery, the materials to the institution, copies to the procuratorate of the residence
    (P2014 Art 28; CCL Art 51)."""
    name = record.case.offender.name
    institution = record.custodial_institution
    return _issue(
        firing,
        record,
        K.DEATH_NOTICE,
        issued_on=_today(),
        addressee=record.deciding_organ,
        context={
            "paragraphs": [
                f"社区矫正对象{name}（案件编号：{record.case.number}）于"
                f"{_day(record.death_discovered_on)}被发现死亡，死亡原因：{record.death_cause}。"
                f"报告人：{record.death_reported_by}。",
                "根据《暂予监外执行规定》第二十八条和《中华人民共和国社区矫正法》第五十一条的"
                "规定，特此书面通知。社区矫正终止。"
                + (f"死亡证明材料送{institution}。" if institution else ""),
            ],
        },
    )


def _today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()
