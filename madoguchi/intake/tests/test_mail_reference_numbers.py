"""Case reference numbers (受付番号) are found in subjects however the sender typed them."""

import pytest

from madoguchi.intake.mail import extract_reference_numbers


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Re: [2026-00123] 不正アクセスの相談", ["2026-00123"]),
        ("2026-00123 について", ["2026-00123"]),
        ("【２０２６－００１２３】ランサムウェア被害の件", ["2026-00123"]),
        ("受付番号 2026ー00123 の件", ["2026-00123"]),
        ("Re: Re: [2026-00123] [2026-00123] 再送", ["2026-00123"]),
        ("Fwd: 2025-00009 と 2026-00456", ["2025-00009", "2026-00456"]),
        ("電話番号 03-1234-56789", []),
        ("注文番号 12026-001234", []),
        ("2026-0012 は桁が足りない", []),
        ("", []),
    ],
)
def test_extract_reference_numbers(subject, expected):
    assert extract_reference_numbers(subject=subject) == expected
