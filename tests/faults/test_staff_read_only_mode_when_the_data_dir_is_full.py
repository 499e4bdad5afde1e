"""Staff on a full data dir (a real filled tmpfs): a banner on every page, state-changing requests refused with a
Japanese page that shows what was typed, reads, login and logout working, /readyz telling the monitor, and the desk
writable again by itself once space returns and the cached probe expires. Needs root for `mount -t tmpfs`."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from madoguchi.cases.choices import EventKind
from madoguchi.cases.models import CaseEvent
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)

BANNER = "保存領域が不足しているため、読み取り専用モードです。"
NOTE = "電話で折り返し。ウイルス対策ソフトの全体スキャンを案内した（架空の記録）。"


def _notes(case) -> int:  # type: ignore[no-untyped-def]
    return CaseEvent.objects.filter(case=case, kind=EventKind.NOTE).count()


def test_staff_read_only_on_a_full_disk_and_writable_again_when_space_returns(
    full_data_dir, clock, client_for, tier1_staff, anonymous
):
    case = make_case(actor=tier1_staff)
    client = client_for(tier1_staff)
    note_url = reverse("cases:note", kwargs={"reference": case.reference})
    before = _notes(case)

    dashboard = client.get(reverse("cases:dashboard"))
    assert dashboard.status_code == 200 and BANNER in dashboard.content.decode()

    # Reads keep working: the case, the list, the search.
    detail = client.get(case.get_absolute_url())
    assert detail.status_code == 200 and BANNER in detail.content.decode()
    assert client.get(reverse("cases:list")).status_code == 200
    assert client.get(reverse("knowledge:search"), {"q": "添付ファイル"}).status_code == 200

    refused = client.post(note_url, {"note-kind": "note", "note-text": NOTE})
    assert refused.status_code == 507
    page = refused.content.decode()
    assert "読み取り専用モードです。この操作は保存していません。" in page
    assert NOTE in page, "what was typed is shown to copy"
    assert "csrfmiddlewaretoken" not in page.split('id="main"')[1].split("</main>")[0]
    assert _notes(case) == before

    ready = anonymous.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["data_dir"] == {
        "status": "fail",
        "error": "ENOSPC",
        "read_only": True,
        "free_bytes": None,
        "min_free_bytes": 0,
    }

    # Logout and login keep working.
    assert client.post(reverse("accounts:logout")).status_code == 302
    login = Client()
    response = login.post(reverse("accounts:login"), {"username": "tier1", "password": "correct-horse-battery"})
    assert response.status_code == 302 and response["Location"] != reverse("accounts:login")

    full_data_dir.free()
    clock.now += 1
    still = login.get(reverse("cases:dashboard"))
    assert BANNER in still.content.decode(), "the answer is cached for MADOGUCHI_STORAGE_CHECK_SECONDS"

    clock.now += 15
    recovered = login.get(reverse("cases:dashboard"))
    assert BANNER not in recovered.content.decode()
    saved = login.post(note_url, {"note-kind": "note", "note-text": NOTE})
    assert saved.status_code == 302
    assert _notes(case) == before + 1


def test_staff_go_read_only_below_the_free_space_threshold_while_the_disk_still_takes_writes(
    full_data_dir, clock, client_for, tier1_staff, anonymous, settings
):
    full_data_dir.free()
    case = make_case(actor=tier1_staff)
    client = client_for(tier1_staff)
    settings.MADOGUCHI_MIN_FREE_BYTES = 2 * 1024 * 1024  # more than the whole 1 MB tmpfs

    ready = anonymous.get("/readyz")
    assert ready.status_code == 200, "still serving: only staff writes stop"
    body = ready.json()
    assert body["status"] == "degraded"
    assert body["checks"]["data_dir"]["status"] == "warning" and body["checks"]["data_dir"]["read_only"] is True
    assert 0 < body["checks"]["data_dir"]["free_bytes"] < settings.MADOGUCHI_MIN_FREE_BYTES

    assert BANNER in client.get(reverse("cases:dashboard")).content.decode()
    note_url = reverse("cases:note", kwargs={"reference": case.reference})
    assert client.post(note_url, {"note-kind": "note", "note-text": NOTE}).status_code == 507
    assert _notes(case) == 0
    assert full_data_dir.visible_files() == [], "the probe leaves nothing behind"

    settings.MADOGUCHI_MIN_FREE_BYTES = 0
    clock.now += 15
    assert BANNER not in client.get(reverse("cases:dashboard")).content.decode()
    assert client.post(note_url, {"note-kind": "note", "note-text": NOTE}).status_code == 302
    assert _notes(case) == 1
