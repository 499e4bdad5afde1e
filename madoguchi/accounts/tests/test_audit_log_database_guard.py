"""Audit rows cannot be changed even by bulk queries: PostgreSQL refuses them in the database itself."""

import pytest
from django.db import DatabaseError, connection, transaction

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_bulk_update_and_delete_of_audit_rows_are_refused_where_the_database_can_enforce_it():
    event = audit.record(action=AuditAction.LOGIN_FAILED, username="someone")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).update(actor_username="改ざん")
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).delete()
        event.refresh_from_db()
        assert event.actor_username == "someone"
    else:
        # SQLite: the model guard is the protection (a trigger would break Django's test flush).
        with pytest.raises(RuntimeError):
            event.delete()
        with pytest.raises(RuntimeError):
            event.save()


@pytest.mark.django_db(transaction=True)
def test_the_maintenance_switch_is_explicit_and_scoped_to_one_transaction():
    # A real transaction (not the test's wrapping one): SET LOCAL must end with it.
    event = audit.record(action=AuditAction.LOGIN_FAILED, username="retention")
    if connection.vendor != "postgresql":
        assert AuditEvent.objects.filter(pk=event.pk).exists()
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL madoguchi.audit_maintenance = 'on'")
        AuditEvent.objects.filter(pk=event.pk).update(actor_username="purged-by-policy")
    event.refresh_from_db()
    assert event.actor_username == "purged-by-policy"
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor_username="again")
