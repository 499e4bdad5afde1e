"""Refuse a PostgreSQL database whose ctype is not UTF-8: pg_trgm would index no Japanese."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.signals import connection_created
from django.dispatch import receiver


def ctype_is_utf8(ctype: str) -> bool:
    normalised = ctype.lower().replace("-", "")
    return normalised.endswith(".utf8")


@receiver(connection_created)
def check_database_encoding(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_encoding_to_char(encoding), datctype FROM pg_database WHERE datname = current_database()"
        )
        row = cursor.fetchone()
    if row is None:
        return
    encoding, ctype = row
    if encoding.upper() != "UTF8" or not ctype_is_utf8(ctype):
        raise ImproperlyConfigured(
            f"PostgreSQL database {connection.settings_dict['NAME']!r} has encoding={encoding} ctype={ctype}. "
            "Madoguchi needs ENCODING 'UTF8' and a UTF-8 LC_CTYPE (C.UTF-8 or ja_JP.UTF-8): "
            "Japanese search (pg_trgm) indexes nothing otherwise. Create it with: "
            "CREATE DATABASE madoguchi ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;"
        )
