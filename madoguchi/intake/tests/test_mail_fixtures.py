"""The committed .eml corpus is exactly what make_eml.py builds, so fixtures stay reproducible."""

import importlib.util
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def _builder():
    spec = importlib.util.spec_from_file_location("make_eml", FIXTURES / "make_eml.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_fixtures_match_the_builder_byte_for_byte():
    built = _builder().build_all()
    on_disk = {path.name: path.read_bytes() for path in (FIXTURES / "eml").glob("*.eml")}
    assert sorted(built) == sorted(on_disk)
    mismatched = [name for name, data in built.items() if on_disk[name] != data]
    assert mismatched == []


def test_fixtures_use_only_reserved_example_domains():
    import re

    for path in (FIXTURES / "eml").glob("*.eml"):
        text = path.read_bytes().decode("latin-1")
        for domain in re.findall(r"@([A-Za-z0-9.-]+\.[A-Za-z]+)", text):
            assert domain.lower().endswith(("example.jp", "example.com", "example.net", ".invalid")), (
                path.name,
                domain,
            )
