"""clean_pending_uploads forgets rate-limit counters of past windows and keeps the current ones."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from madoguchi.intake import ratelimit
from madoguchi.intake.models import RateLimitCounter, RateLimitScope


@pytest.mark.django_db
def test_old_windows_are_forgotten_and_the_current_one_kept(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    key = ratelimit.client_key(address="198.51.100.23")
    ratelimit.hit(scope=RateLimitScope.SUBMISSION, key=key, now=timezone.now() - dt.timedelta(days=3))
    ratelimit.hit(scope=RateLimitScope.SUBMISSION, key=key)

    call_command("clean_pending_uploads")

    assert RateLimitCounter.objects.count() == 1
    assert ratelimit.exhausted(scope=RateLimitScope.SUBMISSION, key=key) is False
    assert RateLimitCounter.objects.get().count == 1
