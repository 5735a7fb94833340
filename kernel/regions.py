"""Administrative division codes (行政区划代码, GB/T 2260): does a code name a real place?

No full table of the codes is vendored in the repository, so a code is checked against what
GB/T 2260 fixes for every code: six digits in three pairs, province, prefecture and county.

- the first pair is one of the 34 province-level codes (11 Beijing ... 82 Macao);
- ``PP0000`` is the province itself, ``PPCC00`` a prefecture-level division under it and
  ``PPCCXX`` a county-level one;
- a county pair without a prefecture pair (``PP00XX``) names nothing: county-level divisions
  sit under a prefecture, and a directly administered county has the prefecture pair 90;
- the pairs go from 01 to 99 (00 only where the level is absent).

Pure functions, no Django: `cases.identity` reads the province codes from here too.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "PROVINCE_CODES",
    "RegionLevel",
    "region_code_level",
    "region_code_problem",
]

#: GB/T 2260: the province-level codes (first two digits of the region code).
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71", "81", "82",
    }
)  # fmt: skip

RegionLevel = Literal["province", "prefecture", "county"]
RegionProblem = Literal["format", "province", "county_without_prefecture"]


def region_code_problem(code: str) -> RegionProblem | None:
    """Why `code` cannot be a GB/T 2260 code, or None when its structure is that of one."""
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return "format"
    if code[:2] not in PROVINCE_CODES:
        return "province"
    if code[2:4] == "00" and code[4:] != "00":
        return "county_without_prefecture"
    return None


def region_code_level(code: str) -> RegionLevel | None:
    """The level a valid code names: the province, a prefecture or a county."""
    if region_code_problem(code) is not None:
        return None
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "prefecture"
    return "county"
