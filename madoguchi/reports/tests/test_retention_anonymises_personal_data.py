"""After the retention period a finished consultation loses its personal data; its statistics stay the same."""

import datetime as dt
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from madoguchi.accounts.models import AuditEvent
from madoguchi.accounts.roles import Action
from madoguchi.accounts.testing_refusals import database_rows, refused_params, refused_up_front
from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Category
from madoguchi.cases.models import Callback, Case, CaseEvent, Organization, Person
from madoguchi.intake import storage
from madoguchi.intake.models import Attachment, InboundMessage
from madoguchi.intake.services import mail as intake_services
from madoguchi.reports.models import AnonymisedRecord, RetentionPolicy
from madoguchi.reports.registry import Period
from madoguchi.reports.retention import REMOVED
from madoguchi.reports.sections import build_report
from madoguchi.reports.services import apply_retention, retention_policy_set
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

SENDER = "keiri@kako-shoji.example.jp"
PERIOD = Period(start=dt.date(2020, 1, 1), end=dt.date(2030, 12, 1))
LATER = timezone.now() + dt.timedelta(days=365 * 6)  # past the default five years


def _mail(subject, *, sender=SENDER, headers=None):
    message = EmailMessage()
    message["From"] = f"架空 経理子 <{sender}>"
    message["To"] = "soudan@madoguchi.example.jp"
    message["Subject"] = subject
    message["Message-ID"] = f"<{abs(hash(subject))}@kako-shoji.example.jp>"
    message["Date"] = "Mon, 02 Nov 2026 10:00:00 +0900"
    for key, value in (headers or {}).items():
        message[key] = value
    message.set_content("請求書の振込先を変えたというメールが来ました。担当は架空 経理子です。")
    message.add_attachment(
        b"%PDF-1.4\n% invoice of kako\n", maintype="application", subtype="pdf", filename="請求書.pdf"
    )
    return message.as_bytes()


@pytest.fixture
def old_case(tier1_staff, settings):
    settings.MADOGUCHI_MAIL_DOMAIN = "madoguchi.example.jp"
    result = intake_services.ingest_raw(raw=_mail("振込先の変更依頼が届いた"), transport="pipe")
    case = result.case
    case = case_services.case_triage(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category=Category.CRIME,
        urgency=2,
        police_referral=True,
    )
    case_services.case_hold_for_callback(
        actor=tier1_staff,
        case=case,
        phone="03-0000-4321",
        due_at=timezone.now() + dt.timedelta(hours=1),
        note="架空 経理子さんに折り返す",
    )
    case.refresh_from_db()
    case = case_services.case_answer_at_front_and_close(
        actor=tier1_staff, case=case, expected_version=case.version, answer="警察への相談を案内した。架空 経理子様。"
    )
    organization = Organization.objects.create(
        name="株式会社架空商事", name_key="架空商事", industry="I", employee_band="6-20", municipality="港区"
    )
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now(), organization=organization)
    return Case.objects.get(pk=case.pk)


def _statistics():
    return [(t.key, t.rows) for t in build_report(PERIOD)]


def test_personal_data_is_removed_and_statistics_stay(old_case, tier1_staff):
    message = InboundMessage.objects.get(case=old_case)
    raw = storage.raw_path(sha256=message.raw_sha256)
    attachment = Attachment.objects.get(inbound_message=message)
    attachment_file = Path(settings.MEDIA_ROOT, attachment.stored_path)
    assert raw.exists() and attachment_file.exists()
    person_id = old_case.person_id
    before = _statistics()

    result = apply_retention(actor=None, dry_run=False, now=LATER)

    assert result.counts["consultation"] == 1
    case = Case.objects.get(pk=old_case.pk)
    assert case.subject == REMOVED
    assert case.body == ""
    assert case.resolution == ""
    assert case.person_id is None
    person = Person.objects.get(pk=person_id)
    assert (person.name, person.email, person.phone) == (REMOVED, "", "")
    assert case.organization.name == REMOVED
    assert (case.organization.industry, case.organization.municipality) == ("I", "港区")
    assert case.category == Category.CRIME and case.channel == "email"
    assert not CaseEvent.objects.filter(case=case).exclude(text="").exists()
    assert Callback.objects.get(case=case).phone == ""
    assert Callback.objects.get(case=case).note == ""
    message.refresh_from_db()
    assert (message.from_address, message.from_name, message.text_body) == ("", "", "")
    assert not raw.exists()
    assert not Attachment.objects.filter(inbound_message=message).exists()
    assert not attachment_file.exists()
    assert _statistics() == before
    everything = str(database_rows())
    assert "架空 経理子" not in everything
    assert "架空商事" not in everything
    assert SENDER not in everything
    run = AuditEvent.objects.get(detail__what="retention_run")
    assert run.actor_username == "apply_retention"
    assert run.detail["counts"]["consultation"] == 1


def test_nothing_is_due_before_the_period_and_a_second_run_changes_nothing(old_case):
    assert apply_retention(actor=None, dry_run=False).counts["consultation"] == 0
    assert Case.objects.get(pk=old_case.pk).subject != REMOVED
    apply_retention(actor=None, dry_run=False, now=LATER)
    assert apply_retention(actor=None, dry_run=False, now=LATER).counts["consultation"] == 0
    assert AnonymisedRecord.objects.count() == 2  # the case and its mail


def test_a_person_with_a_newer_case_keeps_their_details(old_case, tier1_staff):
    newer = case_services.case_create(
        actor=tier1_staff,
        channel="phone",
        received_at=timezone.now(),
        subject="再度の相談",
        body="続き",
        person=case_services.PersonData(email=SENDER, name="架空 経理子"),
    )
    assert newer.person_id == old_case.person_id
    apply_retention(actor=None, dry_run=False, now=LATER)
    assert Person.objects.get(pk=newer.person_id).email == SENDER


def test_dry_run_counts_and_writes_nothing(old_case):
    before = database_rows()
    result = apply_retention(actor=None, dry_run=True, now=LATER)
    assert result.counts["consultation"] == 1
    assert database_rows() == before
    assert storage.raw_path(sha256=InboundMessage.objects.get(case=old_case).raw_sha256).exists()


def test_command_dry_run_reports_and_changes_nothing(old_case, capsys):
    RetentionPolicy.objects.create(record_type="consultation", months=1)
    Case.objects.filter(pk=old_case.pk).update(closed_at=timezone.now() - dt.timedelta(days=70))
    call_command("apply_retention", "--dry-run")
    assert "consultation: would anonymise 1" in capsys.readouterr().out
    assert Case.objects.get(pk=old_case.pk).subject != REMOVED
    call_command("apply_retention")
    assert Case.objects.get(pk=old_case.pk).subject == REMOVED


def test_stray_mail_without_a_case_has_its_own_period(settings):
    settings.MADOGUCHI_MAIL_DOMAIN = "madoguchi.example.jp"
    result = intake_services.ingest_raw(
        raw=_mail("不在のお知らせ", headers={"Auto-Submitted": "auto-replied"}), transport="pipe"
    )
    assert result.case is None
    InboundMessage.objects.filter(pk=result.message.pk).update(received_at=timezone.now() - dt.timedelta(days=400))
    counts = apply_retention(actor=None, dry_run=False).counts
    assert counts["inbound_mail"] == 1
    message = InboundMessage.objects.get(pk=result.message.pk)
    assert message.from_address == ""
    assert not storage.raw_path(sha256=message.raw_sha256).exists()


def test_manager_sets_a_period_audited(manager):
    retention_policy_set(actor=manager, record_type="consultation", months=36)
    assert RetentionPolicy.objects.get(record_type="consultation").months == 36
    assert AuditEvent.objects.filter(detail__what="retention_policy").count() == 1


SERVICES = {
    "apply_retention": (Action.RETENTION_MANAGE, lambda actor: apply_retention(actor=actor, dry_run=False)),
    "retention_policy_set": (
        Action.RETENTION_MANAGE,
        lambda actor: retention_policy_set(actor=actor, record_type="consultation", months=12),
    ),
}


@pytest.mark.parametrize(("name", "role"), refused_params(SERVICES))
def test_roles_without_retention_manage_are_refused(name, role, second_factor_optional):
    actor = UserFactory(username=f"user-{role}", role=role)
    with refused_up_front():
        SERVICES[name][1](actor)
