"""The key store: a certificate authority, one signing key per organisation, trust roots.

Layout of `settings.SIGNING_KEYSTORE_DIR`:

    ca.pem, ca.key.pem        the demo certificate authority (self-signed; key encrypted)
    org-<code>.p12            one PKCS#12 file per organisation: its key and certificate
    trust/*.pem               further trusted CA certificates (e.g. a real government CA)

A deployment that uses certificates from a licensed authority drops each organisation's
PKCS#12 file and its CA certificate (into trust/) here and never runs the demo CA. The
signature is reliable only if the key stays under the signer's sole control and any change is
detectable (Electronic Signature Law of the PRC Art 13), which is why keys are encrypted at rest
with `SIGNING_KEYSTORE_PASSPHRASE` and documents are signed as PAdES.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from pyhanko.sign.signers import SimpleSigner

from kernel.accounts.models import Organisation
from kernel.accounts.roles import OrganisationType

CA_COMMON_NAME = "TEOP 演示证书颁发机构"
CA_FILE = "ca.pem"
CA_KEY_FILE = "ca.key.pem"
TRUST_DIR = "trust"

#: Organisations that decide and therefore sign decisions: the provincial prison
#: administration and the municipal public security bureau approve, the court decides
#: (P2014 Art 14).
DECIDING_ORGANISATION_TYPES = frozenset(
    {
        OrganisationType.PRISON_ADMINISTRATION,
        OrganisationType.MUNICIPAL_PUBLIC_SECURITY,
        OrganisationType.COURT,
    }
)

_CA_VALIDITY = dt.timedelta(days=20 * 365)
_ORG_VALIDITY = dt.timedelta(days=5 * 365)
_DER = serialization.Encoding.DER


class SigningUnavailable(Exception):
    """No key is available to sign for an organisation."""


def keystore_dir() -> Path:
    return Path(settings.SIGNING_KEYSTORE_DIR)


def _passphrase() -> bytes:
    passphrase = str(settings.SIGNING_KEYSTORE_PASSPHRASE)
    if not passphrase:
        raise SigningUnavailable(
            "TEOP_SIGNING_KEYSTORE_PASSPHRASE is not set: the signing keys cannot be opened."
        )
    return passphrase.encode()


def organisation_code(organisation: Organisation) -> str:
    """A stable file-name code for an organisation.

    Organisations have no official code field; the database id changes when the demo is
    re-seeded, so the code is derived from the type, division code and (unique) name.
    """
    name_hash = hashlib.sha256(organisation.name.encode()).hexdigest()[:10]
    return f"{organisation.type.lower()}-{organisation.region_code}-{name_hash}"


def organisation_keyfile(organisation: Organisation) -> Path:
    return keystore_dir() / f"org-{organisation_code(organisation)}.p12"


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    # Atomic rename: a concurrent reader sees the old file or the whole new one.
    tmp.replace(path)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def demo_ca_ensure() -> Path:
    """Create the self-signed demo certificate authority unless it exists; return ca.pem."""
    directory = keystore_dir()
    cert_path = directory / CA_FILE
    key_path = directory / CA_KEY_FILE
    if cert_path.exists() and key_path.exists():
        return cert_path
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "TEOP"),
            x509.NameAttribute(NameOID.COMMON_NAME, CA_COMMON_NAME),
        ]
    )
    now = _now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + _CA_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    _write_private(
        key_path,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(_passphrase()),
        ),
    )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return cert_path


def _load_ca() -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None:
    directory = keystore_dir()
    cert_path = directory / CA_FILE
    key_path = directory / CA_KEY_FILE
    if not (cert_path.exists() and key_path.exists()):
        return None
    certificate = x509.load_pem_x509_certificate(cert_path.read_bytes())
    try:
        key = serialization.load_pem_private_key(key_path.read_bytes(), _passphrase())
    except ValueError as exc:
        raise SigningUnavailable(
            f"The certificate authority's key {key_path} cannot be opened: "
            "check SIGNING_KEYSTORE_PASSPHRASE."
        ) from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise SigningUnavailable(f"The CA key in {key_path} is not an elliptic-curve key.")
    return certificate, key


def organisation_certificate_ensure(organisation: Organisation) -> Path:
    """Issue the organisation's key and certificate from the CA unless its file exists."""
    path = organisation_keyfile(organisation)
    if path.exists():
        return path
    ca = _load_ca()
    if ca is None:
        raise SigningUnavailable(
            f"No signing key for “{organisation.name}” ({path.name}) and no certificate "
            f"authority in {keystore_dir()} to issue one. Install the organisation's "
            "PKCS#12 file there, or run `manage.py signing_demo_setup` for a demo."
        )
    ca_cert, ca_key = ca
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation.name),
            x509.NameAttribute(NameOID.COMMON_NAME, organisation.name),
        ]
    )
    now = _now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(min(now + _ORG_VALIDITY, ca_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # nonRepudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        name=organisation_code(organisation).encode(),
        key=key,
        cert=certificate,
        cas=[ca_cert],
        encryption_algorithm=serialization.BestAvailableEncryption(_passphrase()),
    )
    _write_private(path, data)
    return path


def signer_for(organisation: Organisation) -> SimpleSigner:
    """The signer holding the organisation's key; issues one from the CA when missing."""
    path = organisation_certificate_ensure(organisation)
    try:
        signer: SimpleSigner = SimpleSigner.load_pkcs12_data(
            path.read_bytes(), (), passphrase=_passphrase()
        )
    except ValueError as exc:
        raise SigningUnavailable(
            f"The signing key of “{organisation.name}” ({path.name}) cannot be opened: "
            "check SIGNING_KEYSTORE_PASSPHRASE."
        ) from exc
    return signer


def trust_roots() -> list[asn1_x509.Certificate]:
    """The CA certificates a signature must chain to: ca.pem and every trust/*.pem."""
    paths: list[Path] = []
    directory = keystore_dir()
    if (directory / CA_FILE).exists():
        paths.append(directory / CA_FILE)
    if (directory / TRUST_DIR).is_dir():
        paths.extend(sorted((directory / TRUST_DIR).glob("*.pem")))
    roots: list[asn1_x509.Certificate] = []
    for path in paths:
        for certificate in x509.load_pem_x509_certificates(path.read_bytes()):
            roots.append(asn1_x509.Certificate.load(certificate.public_bytes(_DER)))
    return roots


def certificate_facts(certificate: Any) -> dict[str, str]:
    """Subject, serial (hex) and SHA-256 fingerprint of an asn1crypto certificate."""
    return {
        "subject": certificate.subject.human_friendly,
        "serial": format(certificate.serial_number, "x"),
        "sha256": hashlib.sha256(certificate.dump()).hexdigest(),
    }


def signing_demo_setup() -> list[str]:
    """Create the demo CA and a certificate for every active deciding organisation.

    Returns one line per thing made or found, for the management command and demo seeding.
    """
    lines: list[str] = []
    existed = (keystore_dir() / CA_FILE).exists()
    ca_path = demo_ca_ensure()
    lines.append(f"{'Found' if existed else 'Created'} certificate authority {ca_path}")
    organisations = Organisation.objects.filter(
        is_active=True, type__in=DECIDING_ORGANISATION_TYPES
    ).order_by("type", "name")
    for organisation in organisations:
        existed = organisation_keyfile(organisation).exists()
        path = organisation_certificate_ensure(organisation)
        verb = "Found" if existed else "Issued"
        lines.append(f"{verb} certificate for {organisation.name}: {path}")
    return lines
