"""Since 2025-06-01 the penalty a desk worker reads out is the current one (拘禁刑); the old wording is history only.

Pure data check: ``pytest -p no:django --noconftest madoguchi/referrals/tests/test_penalties_read_current_law.py``.
"""

from __future__ import annotations

import pytest

from madoguchi.referrals.tests import reference_yaml

LAWS = reference_yaml.laws()
WITH_PENALTY = [code for code, law in LAWS.items() if law["penalty"]]


@pytest.mark.parametrize("code", WITH_PENALTY)
def test_no_current_penalty_text_says_choueki_or_kinko(code: str) -> None:
    penalty = LAWS[code]["penalty"]
    assert "懲役" not in penalty and "禁錮" not in penalty, (code, penalty)


@pytest.mark.parametrize("code", [c for c in WITH_PENALTY if "拘禁刑" in LAWS[c]["penalty"]])
def test_every_kokinkei_penalty_keeps_the_old_wording_as_history(code: str) -> None:
    # Acts before 2025-06-01 are judged under the old penalty (整理法第441条), so staff need both.
    law = LAWS[code]
    before = law.get("penalty_before_2025_06_01") or ""
    assert "懲役" in before or "禁錮" in before, code
    assert law["penalty_wording"] in {"kokinkei_verified", "kokinkei_by_amendment", "as_source"}, code


def test_converted_penalties_say_how_the_wording_was_obtained() -> None:
    # The new text was read for few articles; the others follow from 令和4年法律第67号・第68号 and must say so.
    by_amendment = [c for c, law in LAWS.items() if law["penalty_wording"] == "kokinkei_by_amendment"]
    assert len(by_amendment) >= 20
    for code in by_amendment:
        assert "拘禁刑" in LAWS[code]["penalty"], code
        assert "令和4年法律第67号" in LAWS[code]["notes"], code


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("penal_246", "10年以下の拘禁刑"),
        ("penal_249", "10年以下の拘禁刑"),
        ("penal_222", "2年以下の拘禁刑又は30万円以下の罰金"),
        ("appi_art178", "1年以下の拘禁刑又は100万円以下の罰金"),
        ("uaa_art3", "3年以下の拘禁刑又は100万円以下の罰金"),
    ],
)
def test_confirmed_penalties(code: str, expected: str) -> None:
    assert LAWS[code]["penalty"].startswith(expected)
    assert LAWS[code]["verified"] is True
