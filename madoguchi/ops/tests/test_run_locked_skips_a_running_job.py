"""run_locked runs a scheduled command unless another machine or process runs it right now."""

from __future__ import annotations

import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from madoguchi.core.joblock import job_lock

pytestmark = pytest.mark.django_db(transaction=True)


def test_run_locked_runs_the_job_when_free():
    out = io.StringIO()
    call_command("run_locked", "purge_form_drafts", stdout=out)
    assert "skipped" not in out.getvalue()


def test_run_locked_skips_while_another_runner_holds_the_job():
    held = threading.Event()
    release = threading.Event()

    def other_machine() -> None:
        try:
            with job_lock("command:purge_form_drafts") as acquired:
                assert acquired
                held.set()
                release.wait(30)
        finally:
            connection.close()

    thread = threading.Thread(target=other_machine)
    thread.start()
    try:
        assert held.wait(30)
        out = io.StringIO()
        call_command("run_locked", "purge_form_drafts", stdout=out)
        assert "purge_form_drafts: already running elsewhere, skipped" in out.getvalue()
    finally:
        release.set()
        thread.join(30)
