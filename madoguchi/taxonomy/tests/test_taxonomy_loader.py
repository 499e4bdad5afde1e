"""The taxonomy loader: idempotent, keeps staff edits unless forced, and the shipped schemes are sound."""

from __future__ import annotations

import io
import re

import pytest

from madoguchi.taxonomy import reference_loader
from madoguchi.taxonomy.models import Scheme, Term

pytestmark = pytest.mark.django_db

SLUG = re.compile(r"^[a-z][a-z0-9_]*$")


def test_second_load_changes_nothing():
    first = reference_loader.load(force=False, stdout=None)
    assert first["created"] > 200
    out = io.StringIO()
    second = reference_loader.load(force=False, stdout=out)
    assert (second["created"], second["updated"]) == (0, 0)
    assert second["unchanged"] == first["created"]
    assert Term.objects.count() + Scheme.objects.count() == first["created"]
    assert "taxonomy:" in out.getvalue()


def test_staff_edits_survive_a_reload_unless_forced():
    reference_loader.load(force=False, stdout=None)
    term = Term.objects.get(scheme__code="nist_csf_2_0", code="gv_oc")
    term.label = "組織の状況（職員訳）"
    term.edited_by_staff = True
    term.save()
    counts = reference_loader.load(force=False, stdout=None)
    assert counts["kept_staff_edits"] == 1
    assert Term.objects.get(pk=term.pk).label == "組織の状況（職員訳）"
    reference_loader.load(force=True, stdout=None)
    assert Term.objects.get(pk=term.pk).label == "Organizational Context"


def test_every_scheme_has_source_and_date_and_every_term_a_valid_code_and_parent():
    reference_loader.load(force=False, stdout=None)
    schemes = list(Scheme.objects.all())
    assert {"tokyo_guidebook", "nist_csf_2_0", "meti_guideline_v3", "meti_guideline_v2", "ipa_kokokara"} <= {
        s.code for s in schemes
    }
    assert sum(1 for s in schemes if s.family == "ipa_10_threats_org") >= 8
    for scheme in schemes:
        assert scheme.source_url.startswith("https://"), scheme.code
        assert scheme.as_of is not None, scheme.code
        assert SLUG.match(scheme.code), scheme.code
    for term in Term.objects.select_related("parent"):
        assert SLUG.match(term.code), term.code
        if term.parent is not None:
            assert term.parent.scheme_id == term.scheme_id, term.code


def test_parents_in_the_file_all_resolve():
    data = reference_loader.read_data()
    for scheme in data["schemes"]:
        codes = {t["code"] for t in scheme.get("terms") or []}
        assert len(codes) == len(scheme.get("terms") or []), scheme["code"]
        for term in scheme.get("terms") or []:
            assert term.get("parent") is None or term["parent"] in codes, (scheme["code"], term["code"])


def test_kokokara_is_staff_maintained():
    reference_loader.load(force=False, stdout=None)
    assert Scheme.objects.get(code="ipa_kokokara").staff_maintained
