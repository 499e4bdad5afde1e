"""Managers edit the handbook's procedural text; every save is a new revision and the old ones stay."""

import pytest
from django.urls import reverse

from madoguchi.accounts.models import AuditEvent
from madoguchi.accounts.roles import Action, Role
from madoguchi.accounts.testing_refusals import refused_params, refused_up_front
from madoguchi.reports import selectors
from madoguchi.reports.models import HandbookRevision
from madoguchi.reports.services import handbook_revision_save
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_manager_saves_a_new_revision_and_keeps_the_old_one(client_for, manager):
    url = reverse("reports:handbook_section_edit", kwargs={"key": "counter"})
    page = client_for(manager).get(url)
    assert "来訪の相談は" in page.content.decode()
    response = client_for(manager).post(url, {"body": "来訪者には受付票を書いてもらいます。", "note": "受付票"})
    assert response.status_code == 302
    revisions = list(HandbookRevision.objects.filter(section__key="counter").order_by("number"))
    assert [r.number for r in revisions] == [1, 2]
    assert revisions[1].author == manager
    assert revisions[1].body == "来訪者には受付票を書いてもらいます。"
    assert AuditEvent.objects.filter(action="update", detail__what="handbook_section").count() == 1


def test_empty_text_is_refused_next_to_the_field_with_the_note_kept(client_for, manager):
    url = reverse("reports:handbook_section_edit", kwargs={"key": "counter"})
    response = client_for(manager).post(url, {"body": "", "note": "途中の変更"})
    assert response.status_code == 400
    assert "途中の変更" in response.content.decode()
    assert HandbookRevision.objects.filter(section__key="counter").count() == 1


def test_unknown_section_is_404(client_for, manager):
    assert client_for(manager).get(reverse("reports:handbook_section_edit", kwargs={"key": "nope"})).status_code == 404


def test_revisions_are_never_edited():
    revision = selectors.handbook_section(key="phone").revisions.get()
    revision.body = "書き換え"
    with pytest.raises(ValueError, match="append-only"):
        revision.save()


@pytest.mark.parametrize(("name", "role"), refused_params({"handbook_revision_save": (Action.HANDBOOK_EDIT,)}))
def test_roles_without_handbook_edit_are_refused(name, role, second_factor_optional):
    actor = UserFactory(username=f"user-{role}", role=role)
    section = selectors.handbook_section(key="phone")
    with refused_up_front():
        handbook_revision_save(actor=actor, section=section, body="x", note="")
    assert role in {Role.FRONT, Role.BACK}
