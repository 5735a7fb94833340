"""The supervision signals: nothing in a clean case, exactly the planted case under each signal,
and nothing of it for a procuratorate outside the jurisdiction."""

from __future__ import annotations

import pytest
import time_machine
from django.db import transaction

from procuracy.anomalies.selectors import cases_in_scope, flagged_cases
from procuracy.anomalies.signals import SIGNALS, STAGES
from tests.approvals.conftest import proposed  # noqa: F401  (fixture)
from tests.supervision.conftest import approved, received, supervised  # noqa: F401

from .anomalies_helpers import NOW, TODAY, plant

pytestmark = pytest.mark.django_db


def _flagged(world, user=None) -> dict[str, set[int]]:
    user = user or world.procurator_a
    return {
        code: set(flagged_cases(signal, user, TODAY).values_list("pk", flat=True))
        for code, signal in SIGNALS.items()
    }


def test_every_signal_names_its_article_and_a_stage():
    stages = {code for code, _ in STAGES}
    for signal in SIGNALS.values():
        assert signal.stage in stages
        assert signal.article.split(" Art")[0] in {"P2014", "CPL", "CCL", "SPC-Interp"}
        assert signal.explained()


def test_the_clean_case_flags_nothing(world, supervised):  # noqa: F811
    with time_machine.travel(NOW, tick=False):
        assert supervised.pk in set(cases_in_scope(world.procurator_a).values_list("pk", flat=True))
        assert {code: pks for code, pks in _flagged(world).items() if pks} == {}


def test_each_planted_anomaly_flags_exactly_its_case(world, supervised):  # noqa: F811
    """Each anomaly planted alone in the clean case (rolled back before the next)."""
    wrong = {}
    with time_machine.travel(NOW, tick=False):
        for code in sorted(SIGNALS):
            savepoint = transaction.savepoint()
            plant(world, supervised, code)
            flagged = _flagged(world)
            if flagged[code] != {supervised.pk}:
                wrong[code] = flagged[code]
            # Another procuratorate, which does not supervise the case, sees none of it.
            if any(_flagged(world, world.procurator_b).values()):
                wrong[f"{code} seen by procurator_b"] = _flagged(world, world.procurator_b)
            transaction.savepoint_rollback(savepoint)
    assert wrong == {}
