"""Staff read playbook steps in plain Japanese: no data-file codes such as leak_v1 or taxonomies.yaml."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from madoguchi.playbooks import services
from madoguchi.playbooks.models import PlaybookTemplate, TemplateItem

pytestmark = pytest.mark.django_db

# A lower-case identifier with an underscore (leak_v1, intake_facts) or a data file name.
INTERNAL_CODE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b|\b\w+\.ya?ml\b")


def test_shipped_step_texts_name_no_internal_codes(playbook_data):
    offending = [
        (item.template.code, item.code, found)
        for item in TemplateItem.objects.select_related("template")
        for found in INTERNAL_CODE.findall(f"{item.text}\n{item.record}")
    ]

    assert TemplateItem.objects.count() > 20
    assert offending == []


def test_case_screen_checklist_shows_no_internal_codes(playbook_data, tier2_staff, leak_case, client_for):
    for template in PlaybookTemplate.objects.all():
        services.playbook_start(actor=tier2_staff, case=leak_case, template=template)

    response = client_for(tier2_staff).get(reverse("cases:detail", args=[leak_case.reference]))

    assert response.status_code == 200
    page = response.content.decode()
    checklists = re.findall(r'<ul class="checklist">(.*?)</ul>', page, flags=re.S)
    visible = re.sub(r"<[^>]+>", " ", "\n".join(checklists))
    assert len(checklists) >= 3
    assert "事前に整理する情報" in visible
    assert INTERNAL_CODE.findall(visible) == []
