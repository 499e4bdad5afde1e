"""The dispatch form starts from the triage suggestion while nobody has decided, then from the decision."""

import pytest
from django.urls import reverse

from madoguchi.cases import services
from madoguchi.cases.choices import Channel, Urgency
from madoguchi.cases.tests._forms_html import form_state
from madoguchi.testing.factories import make_case
from madoguchi.triage.tests._urgent_text import EMOTET_BODY, EMOTET_SUBJECT

pytestmark = pytest.mark.django_db


def _dispatch_state(client, case):
    html = client.get(reverse("cases:detail", kwargs={"reference": case.reference})).content.decode()
    form = html[html.index('id="act-dispatch"') :]
    return form_state(form[: form.index("</form>")])


def test_undecided_case_pre_selects_the_suggestion(client_for, tier1_staff):
    case = make_case(actor=None, channel=Channel.WEB, subject=EMOTET_SUBJECT, body=EMOTET_BODY)
    state = _dispatch_state(client_for(tier1_staff), case)
    assert state.selected["dispatch-category"] == ["urgent_breach"]
    assert state.selected["dispatch-urgency"] == [str(Urgency.CRITICAL)]
    assert "dispatch-police_referral" in state.checked


def test_decided_case_pre_selects_the_decision(client_for, tier1_staff):
    case = make_case(actor=None, channel=Channel.WEB, subject=EMOTET_SUBJECT, body=EMOTET_BODY)
    services.case_triage(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category="prevention",
        urgency=Urgency.NORMAL,
        police_referral=False,
    )
    state = _dispatch_state(client_for(tier1_staff), case)
    assert state.selected["dispatch-category"] == ["prevention"]
    assert state.selected["dispatch-urgency"] == [str(Urgency.NORMAL)]
    assert "dispatch-police_referral" not in state.checked
