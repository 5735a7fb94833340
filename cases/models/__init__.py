"""Models of the `cases` app, one module per part of the case file."""

from .case import Case, CaseParticipant, CasePath, CaseState
from .eligibility import EligibilityAssessment, IllnessCatalogueItem
from .person import (
    Commutation,
    NonCountedPeriod,
    Offender,
    Sentence,
    SentenceType,
    Sex,
    identity_error_message,
)
from .workflow import (
    Deliberation,
    Evidence,
    EvidenceKind,
    Guarantor,
    InvestigationEntrustment,
    InvestigationFinding,
    MedicalCertificate,
    Objection,
    ProcuratorateCopy,
    ProcuratorialOpinion,
    ProposalSignOff,
    ProposalSubmission,
    Publicity,
    RecusalDeclaration,
    ResidenceVerification,
    SelfCareIdentification,
    WrittenApplication,
)

__all__ = [
    "Case",
    "CaseParticipant",
    "CasePath",
    "CaseState",
    "Commutation",
    "Deliberation",
    "EligibilityAssessment",
    "Evidence",
    "EvidenceKind",
    "Guarantor",
    "IllnessCatalogueItem",
    "InvestigationEntrustment",
    "InvestigationFinding",
    "MedicalCertificate",
    "NonCountedPeriod",
    "Objection",
    "Offender",
    "ProcuratorateCopy",
    "ProcuratorialOpinion",
    "ProposalSignOff",
    "ProposalSubmission",
    "Publicity",
    "RecusalDeclaration",
    "ResidenceVerification",
    "SelfCareIdentification",
    "Sentence",
    "SentenceType",
    "Sex",
    "WrittenApplication",
    "identity_error_message",
]

# The dossier reader's records (issue 13) live with the reader, in the cases app.
from ..reader.models import DocumentNote, DocumentReading, ReaderSetting

__all__ += ["DocumentNote", "DocumentReading", "ReaderSetting"]
