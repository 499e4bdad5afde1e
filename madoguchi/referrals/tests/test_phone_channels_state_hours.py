"""A desk worker reading out a number also reads out when it answers, or that the hours are unknown.

Pure data check: ``pytest -p no:django --noconftest madoguchi/referrals/tests/test_phone_channels_state_hours.py``.
"""

from __future__ import annotations

import pytest

from madoguchi.referrals.tests import reference_yaml

UNKNOWN = "未確認"
PHONES = [
    (code, channel)
    for code, org in reference_yaml.organizations().items()
    for channel in org["channels"]
    if channel["kind"] == "phone"
]


@pytest.mark.parametrize(("code", "channel"), PHONES, ids=[f"{c}:{ch['value']}" for c, ch in PHONES])
def test_every_phone_channel_states_its_hours(code: str, channel: dict[str, str]) -> None:
    hours = channel.get("hours")
    assert isinstance(hours, str) and hours.strip(), (code, channel["value"])


def test_known_hours_are_the_published_ones() -> None:
    orgs = reference_yaml.organizations()

    def hours(code: str) -> str:
        return str(next(c["hours"] for c in orgs[code]["channels"] if c["kind"] == "phone"))

    assert hours("mpd_cybercrime_division") == "平日 8:30〜17:15"
    assert hours("houterasu").startswith("平日 9:00〜21:00")
    assert hours("tokyo_consumer_center").startswith("月曜〜土曜 9:00〜17:00")
    assert hours("moj_human_rights") == "平日 8:30〜17:15"
    # Unknown hours are said to be unknown, never guessed.
    assert hours("local_police_station").startswith(UNKNOWN)
