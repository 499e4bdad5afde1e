"""A button pressed while an autosave is on its way waits for it, instead of conflicting with its own save."""

import pytest
from playwright.sync_api import expect

from madoguchi.answers import services
from madoguchi.answers.models import AnswerDraft, AnswerStatus
from tests.browser.answer_editor_helpers import open_case, taken_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_record_pressed_during_autosave_uses_the_new_version(page, live_server, login, tier1_staff, tier2_staff):
    case = taken_case(tier1=tier1_staff, tier2=tier2_staff)
    services.answer_save_draft(
        actor=tier2_staff, case=case, measures="最初の版", referrals="", channel="phone", expected_version=None
    )
    open_case(page, live_server, login, case)
    held = []

    def hold_response(route):
        # The server has saved (and bumped the version); the browser just has not heard back yet.
        held.append((route, route.fetch()))

    page.route("**/autosave/", hold_response)
    page.locator("#id_answer-measures").fill("自動保存中に記録した版")
    with page.expect_request("**/autosave/"):
        pass
    while not held:  # let Playwright run the route handler (it saves on the server, then holds the answer)
        page.wait_for_timeout(50)
    page.click("#answer-send", no_wait_after=True)
    route, response = held[0]
    route.fulfill(response=response)

    expect(page.locator(".messages")).to_contain_text("電話で回答したことを記録しました")
    answer = AnswerDraft.objects.get(case=case)
    assert (answer.status, answer.measures) == (AnswerStatus.SENT, "自動保存中に記録した版")
