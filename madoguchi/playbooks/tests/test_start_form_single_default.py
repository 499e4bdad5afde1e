"""The playbook drop-down pre-selects exactly one flow: the one triage suggested, when it fits the case."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Channel, Urgency
from madoguchi.cases.tests._forms_html import form_state
from madoguchi.playbooks.models import PlaybookTemplate
from madoguchi.testing.factories import make_case
from madoguchi.triage.tests._urgent_text import EMOTET_BODY, EMOTET_SUBJECT

pytestmark = pytest.mark.django_db


def _selected_codes(client, case) -> list[str]:
    html = client.get(reverse("cases:detail", kwargs={"reference": case.reference})).content.decode()
    state = form_state(html)
    by_pk = {str(t.pk): t.code for t in PlaybookTemplate.objects.all()}
    assert len(state.options["template"]) == 3
    return [by_pk[pk] for pk in state.selected["template"]]


def _emotet():
    return make_case(actor=None, channel=Channel.WEB, subject=EMOTET_SUBJECT, body=EMOTET_BODY)


def test_undecided_case_defaults_to_the_suggested_flow(client_for, tier1_staff, playbook_data):
    case = _emotet()
    assert case.suggested_flow == "attack"
    assert _selected_codes(client_for(tier1_staff), case) == ["attack_v1"]


def test_category_matching_two_flows_still_selects_only_the_suggested_one(client_for, tier1_staff, playbook_data):
    case = _emotet()
    # urgent_breach fits both the attack and the leak playbook.
    case_services.case_triage(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category="urgent_breach",
        urgency=Urgency.CRITICAL,
        police_referral=True,
    )
    assert _selected_codes(client_for(tier1_staff), case) == ["attack_v1"]


def test_a_decided_category_the_suggested_flow_does_not_fit_selects_the_fitting_flow(
    client_for, tier1_staff, playbook_data
):
    case = _emotet()
    case_services.case_triage(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category="urgent_outage",
        urgency=Urgency.CRITICAL,
        police_referral=False,
    )
    assert _selected_codes(client_for(tier1_staff), case) == ["outage_v1"]


def test_no_suggestion_and_two_fitting_flows_select_one(client_for, tier1_staff, playbook_data):
    case = make_case(actor=tier1_staff, subject="相談", body="研修の相談です。", category="urgent_breach")
    case.__class__.objects.filter(pk=case.pk).update(suggested_flow="")
    assert len(_selected_codes(client_for(tier1_staff), case)) == 1
