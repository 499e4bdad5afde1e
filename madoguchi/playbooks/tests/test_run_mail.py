"""「いま行うこと」: the open items of the current and next phases, queued in the outbox."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.answers.models import OutboundEmail, OutboundKind
from madoguchi.cases.choices import EventKind
from madoguchi.playbooks import services
from madoguchi.playbooks.models import Phase, Who

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(tier2_staff, leak_case, leak_template):
    return services.playbook_start(actor=tier2_staff, case=leak_case, template=leak_template)


def test_mail_lists_open_items_of_current_and_next_phase(client_for, tier2_staff, run):
    first_done = run.items.filter(phase=Phase.FIRST_RESPONSE, who=Who.CONSULTER).first()
    services.item_set_done(actor=tier2_staff, item=first_done, done=True)
    response = client_for(tier2_staff).post(reverse("playbooks:mail", args=[run.case.reference, run.pk]))
    assert response.status_code == 302
    mail = OutboundEmail.objects.get(case=run.case)
    assert mail.kind == OutboundKind.OTHER
    assert mail.to == ["taro@sample-shoji.example.jp"]
    assert "いま行うこと" in mail.subject and run.case.reference in mail.subject
    body = mail.body_text
    for item in run.items.filter(phase__in=[Phase.FIRST_RESPONSE, Phase.CONTAINMENT]).exclude(who=Who.DESK):
        if item.pk == first_done.pk:
            assert item.text not in body
        else:
            assert item.text in body
    for item in run.items.filter(phase__in=[Phase.INVESTIGATION, Phase.RECOVERY]):
        assert item.text not in body
    for item in run.items.filter(who=Who.DESK):
        assert item.text not in body
    assert run.case.events.filter(kind=EventKind.PLAYBOOK, data__event="run_mailed").exists()
    assert run.case.events.filter(kind=EventKind.EMAIL_OUT).exists()


def test_when_first_phases_are_done_the_mail_moves_on(tier2_staff, run):
    for item in run.items.filter(phase__in=[Phase.FIRST_RESPONSE, Phase.CONTAINMENT]):
        services.item_set_done(actor=tier2_staff, item=item, done=True)
    _text, codes = services.render_now_mail(run=run)
    phases = set(run.items.filter(code__in=codes).values_list("phase", flat=True))
    assert phases == {Phase.INVESTIGATION, Phase.NOTIFICATION}


def test_tier1_cannot_mail_and_nothing_is_queued(client_for, tier1_staff, run):
    response = client_for(tier1_staff).post(reverse("playbooks:mail", args=[run.case.reference, run.pk]))
    assert response.status_code == 403
    assert not OutboundEmail.objects.exists()


def test_mail_without_an_address_is_refused(client_for, tier2_staff, tier1_staff, leak_template):
    from madoguchi.testing.factories import dispatched_case

    case = dispatched_case(tier1=tier1_staff, email="", subject="メールアドレスのない相談")
    run = services.playbook_start(actor=tier2_staff, case=case, template=leak_template)
    response = client_for(tier2_staff).post(reverse("playbooks:mail", args=[case.reference, run.pk]))
    assert response.status_code == 400
    assert not OutboundEmail.objects.exists()
