"""The inbox shows only my notifications; opening one marks it read; mail carries no consultation text."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from madoguchi.answers.models import OutboundEmail
from madoguchi.cases import services
from madoguchi.cases.choices import Category, Urgency
from madoguchi.notifications.models import Notification
from madoguchi.notifications.services import set_preference
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db

SUBJECT = "経理の端末がランサムウェアに感染した"


@pytest.fixture
def my_notification(tier1_staff, tier2_staff):
    case = make_case(actor=tier1_staff, subject=SUBJECT)
    services.case_dispatch(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category=Category.URGENT_BREACH,
        urgency=Urgency.CRITICAL,
        police_referral=False,
        assignee=tier2_staff,
    )
    return Notification.objects.get(recipient=tier2_staff)


def test_inbox_lists_my_unread_notification_and_the_header_counts_it(client_for, tier2_staff, my_notification):
    page = html.unescape(client_for(tier2_staff).get(reverse("notifications:inbox")).content.decode())

    assert my_notification.case.reference in page
    assert "未読" in page
    assert '<span class="badge unread-count">1' in page


def test_someone_elses_notification_is_neither_listed_nor_openable(client_for, manager, my_notification):
    client = client_for(manager)

    page = client.get(reverse("notifications:inbox")).content.decode()
    response = client.post(reverse("notifications:open", args=[my_notification.pk]))

    assert my_notification.case.reference not in page
    assert response.status_code == 404
    my_notification.refresh_from_db()
    assert my_notification.read_at is None


def test_opening_marks_read_and_goes_to_the_case(client_for, tier2_staff, my_notification):
    response = client_for(tier2_staff).post(reverse("notifications:open", args=[my_notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == my_notification.case.get_absolute_url()
    my_notification.refresh_from_db()
    assert my_notification.read_at is not None


def test_mark_all_read(client_for, tier2_staff, my_notification):
    client_for(tier2_staff).post(reverse("notifications:read_all"))

    assert not Notification.objects.filter(recipient=tier2_staff, read_at__isnull=True).exists()


def test_open_needs_post(client_for, tier2_staff, my_notification):
    response = client_for(tier2_staff).get(reverse("notifications:open", args=[my_notification.pk]))

    assert response.status_code == 405


def test_anonymous_is_sent_to_login(anonymous):
    response = anonymous.get(reverse("notifications:inbox"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_mail_option_queues_a_mail_without_the_consultation_text(tier1_staff, tier2_staff):
    tier2_staff.email = "jiro.niji@example.jp"
    tier2_staff.save(update_fields=["email"])
    set_preference(user=tier2_staff, by_mail=True)
    case = make_case(actor=tier1_staff, subject=SUBJECT)
    services.case_dispatch(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category=Category.URGENT_BREACH,
        urgency=Urgency.CRITICAL,
        police_referral=False,
        assignee=tier2_staff,
    )

    mail = OutboundEmail.objects.get(to=["jiro.niji@example.jp"])
    assert case.reference in mail.subject + mail.body_text
    assert SUBJECT not in mail.subject + mail.body_text
    assert "架空 太郎" not in mail.body_text


def test_without_the_mail_option_no_mail_is_queued(tier1_staff, tier2_staff):
    tier2_staff.email = "jiro.niji@example.jp"
    tier2_staff.save(update_fields=["email"])
    case = make_case(actor=tier1_staff, subject=SUBJECT)
    services.case_dispatch(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category=Category.URGENT_BREACH,
        urgency=Urgency.CRITICAL,
        police_referral=False,
        assignee=tier2_staff,
    )

    assert Notification.objects.filter(recipient=tier2_staff).exists()
    assert not OutboundEmail.objects.filter(to=["jiro.niji@example.jp"]).exists()


def test_dashboard_shows_new_notifications(client_for, tier2_staff, my_notification):
    page = html.unescape(client_for(tier2_staff).get(reverse("cases:dashboard")).content.decode())

    widget = page[page.index('id="notifications-widget"') :]
    assert my_notification.case.reference in widget[: widget.index("</section>")]
