"""The three commands: triage (stdin and --jsonl), retrain_triage, evaluate_triage."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from madoguchi.cases.choices import Category
from madoguchi.testing.migrated_db import migrated_sqlite

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
FIELDS = {
    "category", "urgent", "police", "flow", "situations", "referrals", "laws", "confidence", "reasons", "model_version",
}  # fmt: skip


def _check_shape(result):
    assert set(result) >= FIELDS
    assert result["category"] in Category.values
    assert isinstance(result["urgent"], bool) and isinstance(result["police"], bool)
    assert result["flow"] in (None, "outage", "attack", "leak")
    assert 0.0 <= result["confidence"] <= 1.0
    for item in result["situations"] + result["referrals"] + result["laws"]:
        assert item["code"] and item["name"]
    assert all(0.0 <= item["confidence"] <= 1.0 for item in result["situations"])
    assert all(item["reason"] for item in result["referrals"])
    assert all(item["condition"] for item in result["laws"])


def test_triage_reads_stdin_and_prints_one_json_object(reference_data, monkeypatch):
    text = (
        "社内のPC全台で画面に英語の脅迫文が出て、ファイルが暗号化されて開けません。今も共有フォルダに広がっています。"
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    out = io.StringIO()
    call_command("triage", stdout=out)
    result = json.loads(out.getvalue())
    _check_shape(result)
    assert result["category"] == "urgent_breach"
    assert result["urgent"] is True
    assert result["flow"] == "attack"
    assert result["referrals"], "an urgent breach always gets organisations to contact"


def test_triage_jsonl_prints_one_line_per_input_with_its_id(reference_data, tmp_path):
    path = tmp_path / "in.jsonl"
    items = [
        {
            "id": "a1",
            "text": "御社のセキュリティのガイドブックを10部送っていただけますか。研修で使います。",
            "channel": "web",
        },
        {
            "id": "a2",
            "text": "取引先を名乗るメールで振込先が変わったと言われ、昨日300万円を振り込んでしまった。",
            "channel": "phone",
        },
    ]
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command("triage", jsonl=str(path), stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["id"] for line in lines] == ["a1", "a2"]
    for line in lines:
        _check_shape(line)
    assert lines[0]["category"] == "guidebook_request"
    assert lines[1]["police"] is True
    # Money already sent to a fraudster: the bank first (組戻し), then the police; a fraud offence is listed.
    assert "money_transferred" in [item["code"] for item in lines[1]["situations"]]
    assert [item["code"] for item in lines[1]["referrals"]][:2] == ["your_bank", "mpd_cybercrime_division"]
    assert "penal_246" in [item["code"] for item in lines[1]["laws"]][:3]


def test_evaluate_prints_the_metrics_the_desk_needs(tmp_path):
    path = tmp_path / "gold.jsonl"
    guide = {"category": "guidebook_request", "urgent": False, "police": False, "flow": None}
    outage = {"category": "urgent_outage", "urgent": True, "police": False, "flow": "outage"}
    rows = [
        {"text": "ガイドブックを5部郵送してください。", **guide},
        {"text": "サーバーが落ちて全社で業務が止まっている。今すぐ助けてほしい。", **outage},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = io.StringIO()
    call_command("evaluate_triage", jsonl=str(path), stdout=out)
    report = out.getvalue()
    for needle in ("accuracy:", "macro-F1:", "urgent: recall", "police: recall", "confusion", "guidebook_request"):
        assert needle in report
    for needle in ("precision", "situations: micro-F1", "gold organisations named", "with a law entry", "top 3"):
        assert needle in report


def test_retrain_stores_a_new_version_that_includes_confirmed_cases(seed_only_model_dir, tier1_staff, monkeypatch):
    from madoguchi.cases import services as case_services
    from madoguchi.testing.factories import make_case
    from madoguchi.triage import services
    from madoguchi.triage.engine import corpus
    from madoguchi.triage.engine.model import TriageModel
    from madoguchi.triage.engine.version import ENGINE_VERSION, training_data_sha256
    from madoguchi.triage.models import Decision, TriageSuggestion

    seed_only_version = services.current_model().model_version
    assert seed_only_version == services.shipped_model_version()
    case = make_case(
        actor=tier1_staff,
        subject="業務委託先との契約書",
        body="委託先が個人情報を再委託していた。契約違反として何を請求できるか。",
    )
    case_services.case_triage(
        actor=tier1_staff, case=case, expected_version=case.version, category="legal", urgency=1, police_referral=False
    )
    assert TriageSuggestion.objects.get(case=case).decision in (Decision.ACCEPTED, Decision.OVERRIDDEN)
    # The command's mechanics (shipped + confirmed examples, a new file, the pointer switched) do not depend on the
    # corpus size: every 16th shipped line (183 of 2,926; every source, and every category in each source-out fold)
    # trains in about a tenth of the time. The full shipped corpus trains in the session fixture (conftest
    # `_triage_model`) on every fresh run.
    shipped = corpus.training_examples()[::16]
    monkeypatch.setattr(corpus, "training_examples", lambda: list(shipped))
    out = io.StringIO()
    call_command("retrain_triage", stdout=out)
    assert f"from {len(shipped)} shipped + 1 confirmed" in out.getvalue()
    confirmed = services.confirmed_examples()
    assert [example["text"] for example in confirmed] == [f"{case.subject}\n{case.body}"]
    digest = training_data_sha256(examples=shipped + confirmed)
    assert digest != training_data_sha256(examples=shipped)
    expected_version = f"{ENGINE_VERSION}+{digest[:12]}"
    assert services.current_model().model_version == expected_version
    # The pointer on disk names the new file, which loads on its own (as the next process would load it).
    pointer = json.loads((seed_only_model_dir / "current.json").read_text())
    assert pointer["model_version"] == expected_version
    stored = TriageModel.load(seed_only_model_dir / pointer["file"])
    assert stored.model_version == expected_version
    assert stored.metadata["examples"] == len(shipped) + 1
    assert len(list(seed_only_model_dir.glob("model-*.joblib"))) == 2


def test_triage_command_runs_as_a_process_with_its_exit_status(tmp_path, tmp_path_factory):
    """The command works from a shell pipe, as documented (a real subprocess, real stdin)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "MADOGUCHI_DATA_DIR": str(tmp_path),
        "MADOGUCHI_TRIAGE_MODEL_DIR": str(__import__("django.conf").conf.settings.TRIAGE_MODEL_DIR),
    }
    migrated_sqlite(tmp_path / "madoguchi.sqlite3", tmp_path_factory)
    proc = subprocess.run(
        [sys.executable, "manage.py", "triage"], cwd=ROOT, env=env, input="", capture_output=True, text=True
    )
    assert proc.returncode != 0 and "no text" in proc.stderr
