"""Publication needs review by a manager who wrote none of the study (docs/approval.md's invariant)."""

import pytest
from django.urls import reverse

from madoguchi.accounts.models import AuditEvent
from madoguchi.accounts.roles import Role
from madoguchi.casebook import services
from madoguchi.casebook.models import CaseStudyStatus
from madoguchi.casebook.services import CaseStudyText
from madoguchi.casebook.tests.helpers import closed_case
from madoguchi.core.errors import DomainError, TransitionNotAllowed
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

TEXT = CaseStudyText(title="添付ファイルを開いた経理担当", situation="〈会社名〉の経理担当が添付を開いた。")


@pytest.fixture
def study(tier1_staff, tier2_staff):
    return services.case_study_create(actor=tier2_staff, case=closed_case(tier1=tier1_staff), text=TEXT)


def test_a_draft_cannot_be_published_before_review(study, manager):
    with pytest.raises(TransitionNotAllowed):
        services.case_study_publish(actor=manager, study=study, expected_version=study.version)
    study.refresh_from_db()
    assert study.status == CaseStudyStatus.DRAFT


def test_a_manager_who_edited_the_study_cannot_publish_it(study, manager, tier2_staff):
    study = services.case_study_update(actor=manager, study=study, expected_version=study.version, text=TEXT)
    study = services.case_study_submit(actor=tier2_staff, study=study, expected_version=study.version)
    with pytest.raises(DomainError, match="自分が執筆に加わった"):
        services.case_study_publish(actor=manager, study=study, expected_version=study.version)
    study.refresh_from_db()
    assert study.status == CaseStudyStatus.IN_REVIEW and study.reviewed_by is None


def test_a_non_author_manager_publishes_and_it_is_recorded(study, manager, tier2_staff):
    study = services.case_study_submit(actor=tier2_staff, study=study, expected_version=study.version)
    study = services.case_study_publish(actor=manager, study=study, expected_version=study.version)
    assert study.status == CaseStudyStatus.PUBLISHED
    assert study.reviewed_by == manager and study.published_at is not None
    assert AuditEvent.objects.filter(actor=manager, target_id=str(study.pk), detail__event="case_study_published")


def test_any_save_after_publication_withdraws_it(study, manager, tier2_staff, anonymous):
    study = services.case_study_submit(actor=tier2_staff, study=study, expected_version=study.version)
    study = services.case_study_publish(actor=manager, study=study, expected_version=study.version)
    assert anonymous.get(reverse("casebook_public:detail", args=[study.pk])).status_code == 200
    study = services.case_study_update(actor=tier2_staff, study=study, expected_version=study.version, text=TEXT)
    assert study.status == CaseStudyStatus.DRAFT and study.reviewed_by is None
    assert anonymous.get(reverse("casebook_public:detail", args=[study.pk])).status_code == 404


def test_publish_view_refuses_the_author_manager_with_a_message(tier1_staff, manager, client_for):
    study = services.case_study_create(actor=manager, case=closed_case(tier1=tier1_staff), text=TEXT)
    study = services.case_study_submit(actor=manager, study=study, expected_version=study.version)
    client = client_for(manager)
    response = client.post(reverse("casebook:publish", args=[study.pk]), {"version": study.version}, follow=True)
    assert "自分が執筆に加わった" in response.content.decode()
    other = UserFactory(username="other-manager", role=Role.MANAGER)
    response = client_for(other).post(reverse("casebook:publish", args=[study.pk]), {"version": study.version})
    assert response.status_code == 302
    study.refresh_from_db()
    assert study.status == CaseStudyStatus.PUBLISHED and study.reviewed_by == other


def test_stale_version_is_refused(study, manager, tier2_staff):
    old = study.version
    services.case_study_submit(actor=tier2_staff, study=study, expected_version=old)
    with pytest.raises(DomainError):
        services.case_study_publish(actor=manager, study=study, expected_version=old)


def test_saving_with_other_terms_replaces_the_classification(study, tier2_staff):
    from madoguchi.casebook.tests.helpers import guidebook
    from madoguchi.taxonomy.selectors import terms_for

    terms = guidebook()
    text = CaseStudyText(title=TEXT.title, situation=TEXT.situation, term_ids=(terms["mission1"].pk,))
    study = services.case_study_update(actor=tier2_staff, study=study, expected_version=study.version, text=text)
    text = CaseStudyText(title=TEXT.title, situation=TEXT.situation, term_ids=(terms["mission2"].pk,))
    study = services.case_study_update(actor=tier2_staff, study=study, expected_version=study.version, text=text)
    assert terms_for(obj=study) == [terms["mission2"]]
