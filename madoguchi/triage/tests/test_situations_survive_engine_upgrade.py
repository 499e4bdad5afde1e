"""Situations stored by engine 5 keep feeding the referral panel after the upgrade to the current engine."""

import pytest

from madoguchi.testing.factories import make_case
from madoguchi.triage import services
from madoguchi.triage.engine.version import ENGINE_VERSION
from madoguchi.triage.models import TriageSuggestion

pytestmark = pytest.mark.django_db


def _store(*, case, version: str) -> None:
    TriageSuggestion.objects.filter(case=case).delete()
    TriageSuggestion.objects.create(
        case=case,
        model_version=version,
        category="urgent_breach",
        confidence=0.8,
        urgent=True,
        police=True,
        situations=[{"code": "ransomware_infection", "confidence": 0.9, "why": "score"}],
        situation_candidates=[["ransomware_infection", 0.9]],
    )


@pytest.mark.parametrize("version", ["triage-engine-5+30595bc0f533", f"{ENGINE_VERSION}+0123456789ab"])
def test_a_suggestion_of_engine_5_or_the_current_engine_gives_its_situations(tier1_staff, version):
    case = make_case(actor=tier1_staff)
    _store(case=case, version=version)
    found = services.case_situations(case)
    assert found is not None
    assert found.codes == ["ransomware_infection"]


def test_a_suggestion_of_an_engine_without_situations_leaves_the_keyword_matching(tier1_staff):
    case = make_case(actor=tier1_staff)
    _store(case=case, version="triage-engine-4+c06d0d9e1449")
    assert services.case_situations(case) is None
