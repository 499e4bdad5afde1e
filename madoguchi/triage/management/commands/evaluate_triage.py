from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from madoguchi.triage import services
from madoguchi.triage.engine import corpus
from madoguchi.triage.engine.evaluation import evaluate, format_report
from madoguchi.triage.picks import pick_codes


class Command(BaseCommand):
    help = (
        "Evaluate the current triage model on labelled JSONL (category, urgent, police, flow; situations, "
        "referrals and laws where the file has them)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--jsonl", required=True)
        parser.add_argument("--json", action="store_true", help="print the metrics as JSON instead of a report")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["jsonl"])
        if not path.exists():
            raise CommandError(f"no such file: {path}")
        examples = corpus.load_jsonl(path)
        model = services.current_model()
        metrics = evaluate(model=model, examples=examples, picker=pick_codes)
        if options["json"]:
            self.stdout.write(json.dumps(metrics, ensure_ascii=False, indent=2, default=str))
        else:
            self.stdout.write(f"model {model.model_version} on {path.name} ({len(examples)} items)")
            self.stdout.write(format_report(metrics))
