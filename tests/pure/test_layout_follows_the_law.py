"""The layout shows the law (issue 10 item 7; docs/architecture.md "App skeleton").

The eligibility engine keeps each rule in the module of its rule group of legal-spec §2.3,
the deciding organ's services keep each act in its own module, and neither package has a
module past the size at which the house style makes a module a package. Importers keep using
the packages: every name they import is re-exported.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

import approvals.court
import approvals.services
import cases.eligibility
from cases.eligibility import RULES

ROOT = Path(__file__).resolve().parents[2]

#: legal-spec §2.3: the group letter of each rule number's tens, and its module.
RULE_GROUP_MODULES = {
    "0": "cases.eligibility.grounds",  # A. sentence type and statutory grounds
    "1": "cases.eligibility.exclusions",  # B. absolute exclusions
    "2": "cases.eligibility.flags",  # C. strict-review and filing flags
    "3": "cases.eligibility.time_served",  # D. time-served thresholds
    "4": "cases.eligibility.self_care",  # E. inability to take care of oneself
    "5": "cases.eligibility.procedure",  # F. procedural preconditions
}

#: One module per act of the deciding organ.
ACT_MODULES = {
    "opinion_answer": "decision",
    "decision_number_issue": "decision",
    "case_decide": "decision",
    "decision_document_sign": "decision",
    "residence_cci": "deliveries",
    "delivery_receipt_record": "deliveries",
    "objection_file": "objections",
    "objection_review": "objections",
    "filing_record": "filing",
    "residence_province_authority": "cross_province",
    "cross_province_notify": "cross_province",
    "fileholder_designate": "cross_province",
}

#: The court path's package: each name in the module of its layer (docs/architecture.md).
COURT_MODULES = {
    "court_case_open": "services",
    "court_decide": "services",
    "court_investigation_entrust": "services",
    "execution_documents_served_record": "services",
    "court_offender_list_for_user": "selectors",
    "court_clocks": "selectors",
    "court_decision_missing": "rules",
    "court_staff_of": "rules",
    "court_decision_context": "documents",
    "court_investigation_list_for_user": "investigation",
}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_each_eligibility_rule_lives_in_the_module_of_its_spec_group(rule) -> None:
    tens = re.fullmatch(r"EL-(\d)\d[a-c]?", rule.id)
    assert tens is not None, rule.id
    assert rule.function.__module__ == RULE_GROUP_MODULES[tens.group(1)], rule.id


@pytest.mark.parametrize(("name", "module"), ACT_MODULES.items())
def test_each_act_of_the_deciding_organ_lives_in_its_own_module(name: str, module: str) -> None:
    function = getattr(approvals.services, name)
    assert function.__module__ == f"approvals.services.{module}"


@pytest.mark.parametrize(("name", "module"), COURT_MODULES.items())
def test_each_name_of_the_court_path_lives_in_the_module_of_its_layer(
    name: str, module: str
) -> None:
    assert getattr(approvals.court, name).__module__ == f"approvals.court.{module}"


def test_each_act_of_the_court_path_is_declared_in_its_acts_module() -> None:
    from approvals.court import acts

    assert approvals.court.COURT_ACTS
    for name, act in approvals.court.COURT_ACTS.items():
        assert getattr(acts, name.upper()) is act


@pytest.mark.parametrize(
    "package",
    [cases.eligibility, approvals.services, approvals.court],
    ids=lambda m: m.__name__,
)
def test_the_package_re_exports_every_name_its_importers_use(package) -> None:
    for name in package.__all__:
        obj = getattr(package, name)
        home = getattr(obj, "__module__", None)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert home is not None
            assert home.startswith(package.__name__ + "."), (name, home)
            assert getattr(importlib.import_module(home), name) is obj


@pytest.mark.parametrize("folder", ["cases/eligibility", "approvals/services"])
def test_no_module_of_the_split_packages_outgrows_the_house_size(folder: str) -> None:
    sizes = {p.name: len(p.read_text().splitlines()) for p in (ROOT / folder).glob("*.py")}
    assert len(sizes) > 3
    assert max(sizes.values()) <= 500, sizes
