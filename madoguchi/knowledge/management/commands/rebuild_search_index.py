"""Rebuild the search index from the records themselves (after a variant-table change, a restore...)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from madoguchi.knowledge.archive_index import archive_documents
from madoguchi.knowledge.case_index import iter_case_documents
from madoguchi.knowledge.faq_index import iter_faq_documents
from madoguchi.knowledge.reference_index import reference_documents
from madoguchi.knowledge.search import service


class Command(BaseCommand):
    help = "検索索引を作り直します（相談案件、相談・届出先、適用法規、情報アーカイブ）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        service.clear_index()
        total = 0
        for documents in iter_case_documents(batch_size=options["batch_size"]):
            total += service.bulk_add(documents)
            if options["verbosity"] >= 2:
                self.stdout.write(f"{total} 件")
        # The directory and the law map: a few hundred records, one batch.
        total += service.bulk_add(list(reference_documents()))
        total += service.bulk_add(list(archive_documents()))
        total += service.bulk_add(list(iter_faq_documents()))
        self.stdout.write(
            self.style.SUCCESS(f"検索索引を作り直しました: {total} 件, {time.monotonic() - started:.1f} 秒")
        )
