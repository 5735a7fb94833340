"""Resident identity numbers under GB 11643-1999 (ISO 7064 MOD 11-2 check character)."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.identity import (
    PROVINCE_CODES,
    IdentityNumber,
    InvalidIdentityNumber,
    identity_check_character,
    parse_identity_number,
)

TODAY = dt.date(2026, 3, 2)
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make(region: str = "330106", birth: str = "19700517", sequence: str = "011") -> str:
    """A valid number, its check character computed independently of the module."""
    first17 = region + birth + sequence
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def wrong_check(number: str) -> str:
    """The same number with a different (wrong) check character."""
    return number[:17] + ("0" if number[17] != "0" else "1")


def parse(raw: str) -> IdentityNumber:
    return parse_identity_number(raw, today=TODAY)


def error(raw: str, today: dt.date = TODAY) -> InvalidIdentityNumber:
    with pytest.raises(InvalidIdentityNumber) as caught:
        parse_identity_number(raw, today=today)
    return caught.value


def test_published_example_is_valid_and_decodes_birth_date_region_and_sex() -> None:
    parsed = parse("11010519491231002X")
    assert parsed == IdentityNumber(
        value="11010519491231002X",
        region_code="110105",
        birth_date=dt.date(1949, 12, 31),
        sex="F",
    )


def test_check_character_of_the_published_example_is_x() -> None:
    assert identity_check_character("11010519491231002") == "X"


@pytest.mark.parametrize("sequence", ["010", "123", "999"])
def test_check_character_follows_iso_7064_mod_11_2(sequence: str) -> None:
    number = make(sequence=sequence)
    assert identity_check_character(number[:17]) == number[17]


def test_check_character_needs_seventeen_digits() -> None:
    with pytest.raises(InvalidIdentityNumber, match="17 digits; 16 were given") as caught:
        identity_check_character("1101051949123100")
    assert caught.value.code == "length"
    with pytest.raises(InvalidIdentityNumber, match="digits only"):
        identity_check_character("1101051949123100A")


def test_odd_sequence_digit_is_male_and_even_is_female() -> None:
    assert parse(make(sequence="011")).sex == "M"
    assert parse(make(sequence="012")).sex == "F"


def test_lower_case_x_is_accepted_and_normalised_to_upper_case() -> None:
    assert parse("11010519491231002x").value == "11010519491231002X"


def test_spaces_and_full_width_characters_are_normalised() -> None:
    assert parse(" 110105 19491231 002X ").value == "11010519491231002X"
    assert parse("１１０１０５１９４９１２３１００２ｘ").value == "11010519491231002X"


def test_invalid_identity_number_is_a_value_error() -> None:
    assert issubclass(InvalidIdentityNumber, ValueError)


@pytest.mark.parametrize("raw", ["", "1101051949123100", "11010519491231002X1"])
def test_number_without_eighteen_characters_is_refused(raw: str) -> None:
    exc = error(raw)
    assert exc.code == "length"
    assert str(exc) == (
        f"An identity number has 18 characters, but {len(raw)} were entered. "
        "Please re-enter the 18-digit identity number."
    )


def test_letter_among_the_first_seventeen_characters_is_refused() -> None:
    exc = error("1101051949123A002X")
    assert exc.code == "characters"
    assert "character 14 is 'A'" in str(exc)


def test_last_character_other_than_a_digit_or_x_is_refused() -> None:
    exc = error("11010519491231002Y")
    assert exc.code == "characters"
    assert "the last character is 'Y'" in str(exc)


@pytest.mark.parametrize("province", ["00", "16", "72", "91", "99"])
def test_number_outside_the_province_codes_is_refused(province: str) -> None:
    exc = error(make(region=province + "0106"))
    assert exc.code == "region"
    assert str(exc).startswith(f"The first two digits ({province}) are not a province code")


def test_every_gb_t_2260_province_code_is_accepted() -> None:
    assert len(PROVINCE_CODES) == 34
    for province in PROVINCE_CODES:
        assert parse(make(region=province + "0101")).region_code == province + "0101"


@pytest.mark.parametrize("birth", ["19700230", "19701301", "20230229"])
def test_birth_date_that_does_not_exist_is_refused(birth: str) -> None:
    exc = error(make(birth=birth))
    assert exc.code == "birth_date"
    assert f"Characters 7 to 14 ({birth}) are not a real date of birth" in str(exc)


def test_leap_day_birth_date_is_accepted() -> None:
    assert parse(make(birth="20000229")).birth_date == dt.date(2000, 2, 29)


def test_birth_date_today_is_accepted_and_tomorrow_is_refused() -> None:
    assert parse(make(birth="20260302")).birth_date == TODAY
    exc = error(make(birth="20260303"))
    assert exc.code == "birth_date"
    assert "(2026-03-03) is in the future" in str(exc)


def test_birth_date_is_checked_against_the_real_date_when_today_is_not_given() -> None:
    with pytest.raises(InvalidIdentityNumber, match="is in the future"):
        parse_identity_number(make(birth="29991231"))
    assert parse_identity_number(make()).birth_date == dt.date(1970, 5, 17)


def test_birth_date_before_1900_is_refused_and_1900_01_01_is_accepted() -> None:
    assert parse(make(birth="19000101")).birth_date == dt.date(1900, 1, 1)
    exc = error(make(birth="18991231"))
    assert exc.code == "birth_date"
    assert "is before 1900" in str(exc)


def test_wrong_check_digit_names_the_expected_character() -> None:
    exc = error("110105194912310023")
    assert exc.code == "check_digit"
    assert str(exc) == (
        "The check digit is wrong: the last character should be X, not 3. "
        "Please re-enter the 18-digit identity number."
    )


def test_single_mistyped_digit_is_caught_by_the_check_digit() -> None:
    good = make(sequence="011")
    typo = good[:15] + str((int(good[15]) + 1) % 10) + good[16:]
    assert error(typo).code == "check_digit"
    assert error(wrong_check(good)).code == "check_digit"


def test_checks_are_reported_in_order_length_characters_region_birth_check() -> None:
    assert error("0010519491231002").code == "length"
    assert error("00010519491231A02X").code == "characters"
    assert error("000105194912320023").code == "region"
    assert error("110105194912320023").code == "birth_date"
