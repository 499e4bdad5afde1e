"""Staff see the suggestion on intake and on the case, accept it in one action, and every override is recorded."""

import pytest
from django.urls import reverse

from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Urgency
from madoguchi.testing.factories import make_case
from madoguchi.triage.models import Decision, TriageSuggestion

pytestmark = pytest.mark.django_db

RANSOM = "朝から経理のPCでファイルが開けず、画面に英語の身代金要求が表示されている。NASのファイルも暗号化されつつある。"


def test_new_case_gets_a_suggestion_shown_on_the_case_model_version_for_managers_only(
    client_for, tier1_staff, manager, reference_data
):
    case = make_case(actor=tier1_staff, subject="ファイルが暗号化された", body=RANSOM)
    suggestion = TriageSuggestion.objects.get(case=case)
    assert suggestion.decision == Decision.PENDING
    assert suggestion.category == "urgent_breach" and suggestion.urgent
    url = reverse("cases:detail", kwargs={"reference": case.reference})
    desk = client_for(tier1_staff).get(url).content.decode()
    managers = client_for(manager).get(url).content.decode()
    assert "振り分け支援" in desk and suggestion.model_version not in desk
    assert suggestion.model_version in managers
    assert "緊急：セキュリティ侵害発生" in desk


def test_accepting_in_one_action_sets_category_urgency_and_police(client_for, tier1_staff, reference_data):
    case = make_case(actor=tier1_staff, subject="ファイルが暗号化された", body=RANSOM)
    suggestion = TriageSuggestion.objects.get(case=case)
    response = client_for(tier1_staff).post(
        reverse("triage:accept", kwargs={"reference": case.reference, "pk": suggestion.pk})
    )
    assert response.status_code == 302
    case.refresh_from_db()
    suggestion.refresh_from_db()
    assert case.category == suggestion.category
    assert case.urgency == Urgency.CRITICAL
    assert case.police_referral == suggestion.police
    assert suggestion.decision == Decision.ACCEPTED and suggestion.decided_by == tier1_staff
    assert case.events.filter(kind="triage", data__source__startswith="triage:").exists()


def test_an_override_is_recorded_with_the_final_labels(tier1_staff, reference_data):
    case = make_case(actor=tier1_staff, subject="ファイルが暗号化された", body=RANSOM)
    case_services.case_triage(
        actor=tier1_staff, case=case, expected_version=case.version, category="crime",
        urgency=Urgency.NORMAL, police_referral=True,
    )  # fmt: skip
    suggestion = TriageSuggestion.objects.get(case=case)
    assert suggestion.decision == Decision.OVERRIDDEN
    assert (suggestion.final_category, suggestion.final_urgent, suggestion.final_police) == ("crime", False, True)
    assert suggestion.decided_by == tier1_staff


def test_intake_screen_asks_for_a_suggestion_while_typing(client_for, tier1_staff, reference_data):
    response = client_for(tier1_staff).post(
        reverse("triage:suggest"),
        {"subject": "", "body": "ガイドブックを3部送ってください。社内研修で配ります。", "channel": "phone"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "ガイドブック送付依頼" in html and "sg-apply" in html


def test_suggest_endpoint_is_for_desk_staff_only(client_for, admin_user, anonymous):
    assert client_for(admin_user).post(reverse("triage:suggest"), {"body": "x" * 20}).status_code == 403
    response = anonymous.post(reverse("triage:suggest"), {"body": "x" * 20})
    assert response.status_code == 302


def test_accept_of_a_hidden_case_is_404(client_for, tier1_staff, other_tier1_staff, reference_data):
    from madoguchi.testing.factories import dispatched_case

    case = dispatched_case(tier1=other_tier1_staff, body=RANSOM)
    suggestion = TriageSuggestion.objects.get(case=case)
    response = client_for(tier1_staff).post(
        reverse("triage:accept", kwargs={"reference": case.reference, "pk": suggestion.pk})
    )
    assert response.status_code == 404
