import pytest


@pytest.fixture
def reference_data(db):
    from django.core.management import call_command

    call_command("load_reference_data", verbosity=0)


@pytest.fixture
def seed_only_model_dir(settings, tmp_path):
    """A fresh model directory holding only the seed-only model, as `retrain(include_confirmed=False)` leaves it.

    The session already trained exactly that model (conftest `_triage_model`, minutes of CPU); models are
    content-addressed by their training data, so a copy of its file is the model a second training would store.
    """
    import json
    import shutil
    from pathlib import Path

    from madoguchi.triage import services

    source = Path(settings.TRIAGE_MODEL_DIR)
    pointer = json.loads((source / "current.json").read_text())
    assert pointer["model_version"] == services.shipped_model_version()
    target = tmp_path / "models"
    target.mkdir()
    shutil.copyfile(source / pointer["file"], target / pointer["file"])
    (target / "current.json").write_text(json.dumps(pointer))
    settings.TRIAGE_MODEL_DIR = target
    return target
