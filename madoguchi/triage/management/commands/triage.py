from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from madoguchi.triage import services


class Command(BaseCommand):
    help = "Suggest category, urgency, police referral, playbook, referrals and laws for consultation text."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--jsonl", help='file of {"id", "text", "channel"} lines; one JSON result per line')
        parser.add_argument("--channel", default=None, help="channel of the stdin text (phone, web, email, walkin)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["jsonl"]:
            path = Path(options["jsonl"])
            if not path.exists():
                raise CommandError(f"no such file: {path}")
            with path.open(encoding="utf-8") as handle:
                for number, line in enumerate(handle, start=1):
                    if not line.strip():
                        continue
                    try:
                        item = json.loads(line)
                        text = item["text"]
                    except (ValueError, KeyError, TypeError) as exc:
                        raise CommandError(f"line {number}: expected a JSON object with 'text'") from exc
                    result = services.suggest_text(text=text, channel=item.get("channel")).as_json()
                    self.stdout.write(json.dumps({"id": item.get("id"), **result}, ensure_ascii=False))
            return
        text = sys.stdin.read()
        if not text.strip():
            raise CommandError("no text on standard input")
        result = services.suggest_text(text=text, channel=options["channel"]).as_json()
        self.stdout.write(json.dumps(result, ensure_ascii=False))
