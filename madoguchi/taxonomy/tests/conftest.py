from __future__ import annotations

import pytest


@pytest.fixture
def taxonomy_data(db):
    from madoguchi.taxonomy import reference_loader

    return reference_loader.load(force=False, stdout=None)


@pytest.fixture
def kokokara(taxonomy_data):
    from madoguchi.taxonomy.models import Scheme

    return Scheme.objects.get(code="ipa_kokokara")
