"""factory_boy factories: a fixed cast instead of fixtures."""

from __future__ import annotations

import datetime as dt

import factory

from cases.identity import identity_check_character
from cases.models import Offender, Sentence
from kernel.accounts.models import Organisation, RoleGrant, User
from kernel.accounts.roles import Level, OrganisationType


def identity_number(
    region: str = "330106", birth: dt.date = dt.date(1970, 5, 17), sequence: int = 1
) -> str:
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + identity_check_character(first17)


_CHINESE_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"机构{n}")
    # Official abbreviations are Chinese characters (机〇, 机一, ... 机一〇, ...).
    abbreviation = factory.Sequence(lambda n: "机" + str(n).translate(_CHINESE_DIGITS))
    type = OrganisationType.PRISON
    level = Level.CITY
    region_code = "330100"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests")

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        self.save()
        for role in extracted or []:
            RoleGrant.objects.create(user=self, role=role)


class OffenderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offender

    name = factory.Sequence(lambda n: f"罪犯{n}")
    id_number = factory.Sequence(
        lambda n: identity_number(
            sequence=2 * (n % 400) + 1, birth=dt.date(1970, 1, 1) + dt.timedelta(days=n // 400)
        )
    )
    sex = "M"
    date_of_birth = factory.LazyAttribute(
        lambda o: dt.date(int(o.id_number[6:10]), int(o.id_number[10:12]), int(o.id_number[12:14]))
    )
    residence_address = "浙江省杭州市西湖区"
    residence_region_code = "330106"
    custodian = factory.SubFactory(OrganisationFactory)


class SentenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sentence

    offender = factory.SubFactory(OffenderFactory)
    judgment_number = factory.Sequence(lambda n: f"(2020)浙0106刑初{n}号")
    offences = "盗窃罪"
    original_type = "fixed_term"
    original_years = 12
    original_months = 0
    execution_start = dt.date(2020, 1, 1)
    custody_days = 0

    @factory.post_generation
    def derived(self, create: bool, extracted: object, **kwargs: object) -> None:
        self.refresh_derived(self.facts(commutations=[], non_counted=[]))
        if create:
            self.save()


class EvidenceFactory(factory.django.DjangoModelFactory):
    """An uploaded document of a case, as stored (the file itself is not read by the pages)."""

    class Meta:
        model = "cases.Evidence"

    kind = "medical_record"
    file = factory.Sequence(lambda n: f"evidence/test/{n}.pdf")
    original_name = factory.Sequence(lambda n: f"病历{n}.pdf")
    content_type = "application/pdf"
    size = 1024
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    description = "诊断材料"
