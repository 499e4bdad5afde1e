from __future__ import annotations

import pytest

from madoguchi.testing.factories import make_case


@pytest.fixture
def case_maker(tier1_staff):
    """Cases received by tier 1 through the real services, so the after-save hook indexes them."""
    counter = iter(range(1000))

    def make(subject: str, body: str = "詳細は電話で確認した。", **kwargs):
        n = next(counter)
        kwargs.setdefault("actor", tier1_staff)
        kwargs.setdefault("email", f"consulter{n}@example.jp")
        kwargs.setdefault("phone", f"03-0000-{n:04d}")
        kwargs.setdefault("org_name", f"株式会社サンプル{n}")
        return make_case(subject=subject, body=body, **kwargs)

    return make
