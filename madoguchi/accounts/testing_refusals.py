"""Issue 11 test helpers: a service refused an actor up front — NotPermitted, no write statement, no row changed —
and a page that follows the role table (the real status for a role it allows, 403 for the others, login for nobody).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from madoguchi.accounts.roles import PERMISSIONS, Action, Role, role_can
from madoguchi.core.errors import NotPermitted

if TYPE_CHECKING:
    from django.test import Client

GENERIC_REFUSAL = "この操作を行う権限がありません。"

_WRITES = ("INSERT", "UPDATE", "DELETE")


def database_rows() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table the project's models (and their many-to-many tables) own, in key order."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def write_statements(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(_WRITES)]


@contextmanager
def refused_up_front(message: str = GENERIC_REFUSAL) -> Iterator[None]:
    """The block must raise NotPermitted with `message`, issue no INSERT/UPDATE/DELETE and change no row.

    No write at all, not a rolled-back one: the refusal comes before the service touches anything.
    """
    before = database_rows()
    with CaptureQueriesContext(connection) as queries, pytest.raises(NotPermitted) as refused:
        yield
    assert refused.value.message == message
    assert write_statements(queries) == []
    assert database_rows() == before


def refused_params(services: Mapping[str, tuple[Any, ...]]) -> list[Any]:
    """(service, role) for every role the table refuses the service's action; the action is each entry's first item."""
    return [
        pytest.param(name, role, id=f"{name}-{role}")
        for name, (action, *_rest) in services.items()
        for role in Role
        if role not in PERMISSIONS[action]
    ]


def allowed_params(services: Mapping[str, tuple[Any, ...]]) -> list[Any]:
    """(service, role) for every role the table allows: the same call in the same state must get through."""
    return [
        pytest.param(name, role, id=f"{name}-{role}")
        for name, (action, *_rest) in services.items()
        for role in Role
        if role in PERMISSIONS[action]
    ]


def _request(client: Client, method: str, url: str) -> Any:
    return client.get(url) if method == "get" else client.post(url, {})


def assert_page_follows_the_table(
    client: Client, *, role: Role, action: Action, method: str, url: str, allowed_status: int
) -> None:
    """A role the table allows gets the page's own status (an empty POST: usually 400); any other role gets 403."""
    response = _request(client, method, url)
    expected = allowed_status if role_can(role, action) else 403
    assert response.status_code == expected, (role, url, response.status_code)


def assert_sent_to_login(client: Client, *, method: str, url: str) -> None:
    response = _request(client, method, url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
