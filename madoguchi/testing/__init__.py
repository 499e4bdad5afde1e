"""Test-only helpers: factories and personas (`factories`), real SMTP/IMAP servers (`servers`).

Product code never imports this package (an import-linter contract); tests and conftest.py do.
"""
