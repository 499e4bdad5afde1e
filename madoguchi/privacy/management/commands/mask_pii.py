from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from madoguchi.privacy.masking import mask_text


class Command(BaseCommand):
    help = (
        "Mask personal data: text on stdin -> masked text on stdout; or --jsonl FILE with lines "
        '{"id", "text"} -> {"id", "masked", "spans": [{"start", "end", "type"}]} (offsets into the input text).'
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--jsonl", metavar="FILE", help='JSON lines {"id": ..., "text": ...}; "-" reads stdin')

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["jsonl"]
        if path is None:
            text = sys.stdin.read()
            self.stdout.write(mask_text(text).masked, ending="")
            return
        if path == "-":
            lines = sys.stdin.read().splitlines()
        else:
            file = Path(path)
            if not file.is_file():
                raise CommandError(f"no such file: {file}")
            lines = file.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text = row["text"]
            except (ValueError, KeyError, TypeError) as exc:
                raise CommandError(f"line {number}: expected a JSON object with a text field ({exc})") from exc
            if not isinstance(text, str):
                raise CommandError(f"line {number}: text must be a string")
            result = mask_text(text)
            out = {
                "id": row.get("id"),
                "masked": result.masked,
                "spans": [{"start": s.start, "end": s.end, "type": s.type.value} for s in result.spans],
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False))
