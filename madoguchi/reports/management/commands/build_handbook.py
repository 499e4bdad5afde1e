"""Write the specialist handbook as HTML and PDF from the live system: `manage.py build_handbook [--output-dir DIR]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.template.loader import render_to_string

from madoguchi.reports.handbook import build, handbook_pdf


class Command(BaseCommand):
    help = "Build the specialist handbook (専門員業務ガイドブック) as handbook-<version>.html and .pdf."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output-dir", default=".", help="directory for the two files (default: here)")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["output_dir"])
        directory.mkdir(parents=True, exist_ok=True)
        book = build()
        html = render_to_string("staff/reports/handbook_standalone.html", {"handbook": book})
        html_path = directory / f"handbook-{book.version}.html"
        pdf_path = directory / f"handbook-{book.version}.pdf"
        html_path.write_text(html, encoding="utf-8")
        pdf_path.write_bytes(handbook_pdf(book))
        self.stdout.write(f"version {book.version}: wrote {html_path} and {pdf_path}")
