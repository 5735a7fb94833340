"""Documents of a case for the dossier reader's tests: uploads and documents issued on it."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Case, Evidence, ProcuratorateCopy
from cases.services.workflow import evidence_upload
from kernel.accounts.models import Organisation, User
from kernel.documents.models import GeneratedDocument

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# The smallest valid PNG (1x1 pixel).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001"
    "0d0a2db40000000049454e44ae426082"
)


def uploaded(case: Case, actor: User, kind: str = "diagnosis_certificate") -> Evidence:
    return evidence_upload(
        case_id=case.pk,
        actor=actor,
        kind=kind,
        upload=SimpleUploadedFile(f"{kind}.pdf", PDF, "application/pdf"),
    )


def stored_evidence(case: Case, actor: User, n: int, *, kind: str = "medical_record") -> None:
    """`n` uploads written straight to the table (a long dossier, quickly)."""
    for i in range(n):
        Evidence.objects.create(
            case=case,
            kind=kind,
            file=ContentFile(PDF, name=f"scan-{i}.pdf"),
            original_name=f"scan-{i}.pdf",
            content_type="application/pdf",
            size=len(PDF),
            sha256=hashlib.sha256(PDF).hexdigest(),
            uploaded_by=actor,
        )


def image_evidence(case: Case, actor: User) -> Evidence:
    return Evidence.objects.create(
        case=case,
        kind="imaging",
        file=ContentFile(PNG, name="xray.png"),
        original_name="xray.png",
        content_type="image/png",
        size=len(PNG),
        sha256=hashlib.sha256(PNG).hexdigest(),
        uploaded_by=actor,
    )


def issued(
    case: Case, organisation: Organisation, n: int = 1, *, on: dt.date = dt.date(2026, 3, 20)
) -> list[GeneratedDocument]:
    start = GeneratedDocument.objects.count()
    return [
        GeneratedDocument.objects.create(
            number=f"T-{start + i}",
            title=f"暂予监外执行审批表{start + i}",
            template="documents/test.html",
            issuing_organisation=organisation,
            issued_on=on,
            file=ContentFile(PDF, name=f"doc-{start + i}.pdf"),
            sha256=hashlib.sha256(PDF + str(start + i).encode()).hexdigest(),
            size=len(PDF),
            subject_type="cases.case",
            subject_id=str(case.pk),
        )
        for i in range(n)
    ]


def materials_sent(world, case: Case) -> None:
    """The prison's copy of the materials reached the procuratorate (P2014 Art 13 ¶3)."""
    ProcuratorateCopy.objects.create(
        case=case,
        stage=ProcuratorateCopy.Stage.MATERIALS,
        procuratorate=world.proc_a,
        sent_on=dt.date(2026, 3, 9),
        received_on=dt.date(2026, 3, 9),
    )


def read_all(client, case: Case, pages: dict[str, int] | None = None) -> None:
    """Open every page of every document of the case in the reader, as its script does."""
    from cases.reader.services import reader_documents

    for document in reader_documents(case):
        count = (pages or {}).get(document.key, 1)
        response = client.post(
            f"/cases/{case.pk}/reader/readings/",
            {"key": document.key, "page_count": count, "pages": list(range(1, count + 1))},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content


def pdf_with_pages(texts: list[str]) -> bytes:
    """A real PDF of one page per text (ASCII, Helvetica), with a correct cross-reference."""
    n = len(texts)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{4 + 2 * i} 0 R".encode() for i in range(n))
        + f"] /Count {n} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, text in enumerate(texts):
        stream = f"BT /F1 24 Tf 72 700 Td ({text}) Tj ET".encode()
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {5 + 2 * i} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def pdf_evidence(case: Case, actor: User, texts: list[str]) -> Evidence:
    content = pdf_with_pages(texts)
    return Evidence.objects.create(
        case=case,
        kind="medical_record",
        file=ContentFile(content, name="record.pdf"),
        original_name="record.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=actor,
    )
