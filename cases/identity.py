"""Citizen identity numbers (公民身份号码) under GB 11643-1999.

Eighteen characters: a 6-digit administrative region code (GB/T 2260), the date of birth as
YYYYMMDD, a 3-digit sequence code (odd for men, even for women) and a check character
computed with ISO 7064 MOD 11-2. Pure functions, no Django; errors are `ValueError`
subclasses with English messages that the view layer translates.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

from kernel.regions import PROVINCE_CODES

__all__ = [
    "PROVINCE_CODES",
    "IdentityNumber",
    "InvalidIdentityNumber",
    "identity_check_character",
    "parse_identity_number",
]

IdentityErrorCode = Literal["length", "characters", "region", "birth_date", "check_digit"]

#: GB 11643-1999 §6.2 / ISO 7064 MOD 11-2: weight of each of the first 17 digits.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
#: GB 11643-1999 §6.2: check character for each remainder 0..10 of the weighted sum mod 11.
_CHECK_CHARACTERS = "10X98765432"
_EARLIEST_BIRTH = dt.date(1900, 1, 1)
_DIGITS = frozenset("0123456789")
_LENGTH = 18
_REENTER = "Please re-enter the 18-digit identity number."
_CHINA = ZoneInfo("Asia/Shanghai")


class InvalidIdentityNumber(ValueError):
    """An identity number that fails a GB 11643-1999 check; `code` says which one."""

    def __init__(self, code: IdentityErrorCode, message: str) -> None:
        super().__init__(message)
        self.code: IdentityErrorCode = code
        self.message = message


@dataclass(frozen=True)
class IdentityNumber:
    """A valid identity number and what GB 11643-1999 encodes in it."""

    value: str
    region_code: str
    birth_date: dt.date
    sex: Literal["M", "F"]


def identity_check_character(first17: str) -> str:
    """The check character for the first 17 digits: GB 11643-1999 §6.2 (ISO 7064 MOD 11-2).

    Each digit is multiplied by its weight (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4,
    2); the sum modulo 11 selects the character from "10X98765432".
    """
    if len(first17) != _LENGTH - 1:
        raise InvalidIdentityNumber(
            "length",
            f"The check character is computed from 17 digits; {len(first17)} were given.",
        )
    if not set(first17) <= _DIGITS:
        raise InvalidIdentityNumber(
            "characters", "The check character is computed from digits only."
        )
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]


def _normalise(raw: str) -> str:
    """Full-width to ASCII (NFKC), spaces removed, x upper-cased: GB 11643-1999 uses "X"."""
    return "".join(unicodedata.normalize("NFKC", raw).split()).upper()


def _china_today() -> dt.date:
    """Today's date in China (the birth date must not lie in the future)."""
    return dt.datetime.now(_CHINA).date()


def _check_characters(value: str) -> None:
    """GB 11643-1999 §4: 17 digits then a digit or X."""
    for position, character in enumerate(value, start=1):
        allowed = _DIGITS | {"X"} if position == _LENGTH else _DIGITS
        if character not in allowed:
            where = "the last character" if position == _LENGTH else f"character {position}"
            raise InvalidIdentityNumber(
                "characters",
                f"The identity number may contain only digits, with X allowed as the last "
                f"character; {where} is '{character}'. {_REENTER}",
            )


def _check_birth_date(digits: str, today: dt.date) -> dt.date:
    """GB 11643-1999 §5.2: digits 7-14 are a real date of birth (YYYYMMDD)."""
    try:
        born = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise InvalidIdentityNumber(
            "birth_date",
            f"Characters 7 to 14 ({digits}) are not a real date of birth (YYYYMMDD). {_REENTER}",
        ) from None
    if born > today:
        raise InvalidIdentityNumber(
            "birth_date",
            f"The date of birth in the number ({born.isoformat()}) is in the future. {_REENTER}",
        )
    if born < _EARLIEST_BIRTH:
        raise InvalidIdentityNumber(
            "birth_date",
            f"The date of birth in the number ({born.isoformat()}) is before 1900. {_REENTER}",
        )
    return born


def parse_identity_number(raw: str, *, today: dt.date | None = None) -> IdentityNumber:
    """Validate and decode a resident identity number under GB 11643-1999.

    Spaces are removed, full-width characters folded to ASCII and a lower-case x upper-cased.
    Checks, in order (the first failure is reported, see `InvalidIdentityNumber.code`):
    length 18 ("length"); 17 digits then a digit or X ("characters"); a GB/T 2260 province
    code in the first two digits ("region"); a real birth date not in the future (relative to
    `today`, default today in China) and not before 1900-01-01 ("birth_date"); the ISO 7064
    MOD 11-2 check character ("check_digit"). The 17th digit is odd for a man, even for a
    woman (GB 11643-1999 §5.3).
    """
    value = _normalise(raw)
    if len(value) != _LENGTH:
        raise InvalidIdentityNumber(
            "length",
            f"An identity number has 18 characters, but {len(value)} were entered. {_REENTER}",
        )
    _check_characters(value)
    province = value[:2]
    if province not in PROVINCE_CODES:
        raise InvalidIdentityNumber(
            "region",
            f"The first two digits ({province}) are not a province code, so the number cannot "
            f"be right. {_REENTER}",
        )
    born = _check_birth_date(value[6:14], today if today is not None else _china_today())
    expected = identity_check_character(value[:17])
    if value[17] != expected:
        raise InvalidIdentityNumber(
            "check_digit",
            f"The check digit is wrong: the last character should be {expected}, not "
            f"{value[17]}. {_REENTER}",
        )
    return IdentityNumber(
        value=value,
        region_code=value[:6],
        birth_date=born,
        sex="M" if int(value[16]) % 2 == 1 else "F",
    )
