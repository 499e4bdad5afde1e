"""A running checklist keeps its own copy: template edits and new versions never change it."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml

from madoguchi.playbooks import reference_loader, selectors, services
from madoguchi.playbooks.models import PlaybookTemplate

pytestmark = pytest.mark.django_db


def test_new_template_version_leaves_an_existing_run_alone(tmp_path, tier2_staff, leak_case, leak_template):
    run = services.playbook_start(actor=tier2_staff, case=leak_case, template=leak_template)
    before = list(run.items.order_by("position").values_list("code", "text"))

    # Ship a v2 of the leak playbook and rewrite v1's first item, as a later data release might.
    data = yaml.safe_load(reference_loader.PLAYBOOKS_FILE.read_text(encoding="utf-8"))
    leak = next(p for p in data["playbooks"] if p["code"] == "leak_v1")
    leak["phases"][0]["items"][0]["text"] = "書き換えた手順（v1）"
    v2 = yaml.safe_load(yaml.safe_dump(leak, allow_unicode=True))
    v2["code"], v2["version"] = "leak_v2", 2
    for phase in v2["phases"]:
        for item in phase["items"]:
            item["code"] = item["code"].replace("l_", "l2_", 1)
    v2["phases"][0]["items"][0]["text"] = "第2版の新しい手順"
    data["playbooks"].append(v2)
    path = Path(tmp_path) / "playbooks.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copy(reference_loader.CLOCKS_FILE, Path(tmp_path) / "legal_clocks.yaml")
    reference_loader.load(force=False, stdout=io.StringIO(), playbooks_path=path)

    assert (
        PlaybookTemplate.objects.get(code="leak_v1").items.order_by("position").first().text == "書き換えた手順（v1）"
    )
    assert list(run.items.order_by("position").values_list("code", "text")) == before
    run.refresh_from_db()
    assert (run.template_code, run.template_version) == ("leak_v1", 1)
    # New runs start from the newest version of the family.
    current = {t.family: t.code for t in selectors.current_templates()}
    assert current["leak"] == "leak_v2"
