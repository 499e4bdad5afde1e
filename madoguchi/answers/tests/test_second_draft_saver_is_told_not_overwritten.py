"""Issue 9.5: the first save is locked like any other; the second saver keeps their typing and sees what is stored."""

import pytest

from madoguchi.answers import services
from madoguchi.answers.models import AnswerDraft
from madoguchi.answers.tests.helpers import case_in_progress, post_draft
from madoguchi.core.errors import ConcurrentEditError
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

CONFLICT = "他の職員がこの回答案を先に保存しました"


@pytest.fixture
def second_tier2(db):
    return UserFactory(username="tier2b", role="back", display_name="二次 三子")


def test_two_first_saves_from_empty_forms_the_second_is_a_conflict(client_for, tier1_staff, tier2_staff, second_tier2):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    # Both opened the case while there was no draft: their forms say so (version 0).
    assert post_draft(client_for(tier2_staff), case, version=0, measures="一人目の文面").status_code == 302
    response = post_draft(client_for(second_tier2), case, version=0, measures="二人目の文面（消えてはいけない）")

    assert response.status_code == 409
    html = response.content.decode()
    assert CONFLICT in html
    assert "二人目の文面（消えてはいけない）" in html, "the second saver's typing stays in the form"
    assert "現在保存されている内容" in html and "一人目の文面" in html, "and they see what is stored now"
    draft = AnswerDraft.objects.get(case=case)
    assert draft.measures == "一人目の文面"
    assert f'name="answer-version" value="{draft.version}"' in html, "saving again is now a deliberate overwrite"


def test_a_form_without_a_version_is_refused_with_a_message(client_for, tier1_staff, tier2_staff):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    response = post_draft(client_for(tier2_staff), case, version="", measures="版のないフォーム")
    assert response.status_code == 400
    html = response.content.decode()
    assert "画面の情報が古いため保存できませんでした" in html and "版のないフォーム" in html
    assert not AnswerDraft.objects.filter(case=case).exists()


def test_service_refuses_a_save_that_expected_no_draft_when_one_exists(tier1_staff, tier2_staff, second_tier2):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    services.answer_save_draft(actor=tier2_staff, case=case, measures="一人目", referrals="", channel="email")
    with pytest.raises(ConcurrentEditError):
        services.answer_save_draft(
            actor=second_tier2,
            case=case,
            measures="二人目",
            referrals="",
            channel="email",
            expected_version=services.NO_DRAFT_VERSION,
        )
    assert AnswerDraft.objects.get(case=case).measures == "一人目"


def test_a_caller_that_passes_no_version_cannot_overwrite_an_existing_draft(tier1_staff, tier2_staff, second_tier2):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    services.answer_save_draft(actor=tier2_staff, case=case, measures="一人目", referrals="", channel="email")
    with pytest.raises(ConcurrentEditError):
        services.answer_save_draft(
            actor=second_tier2, case=case, measures="版を渡さない二人目", referrals="", channel="email"
        )
    assert AnswerDraft.objects.get(case=case).measures == "一人目"
