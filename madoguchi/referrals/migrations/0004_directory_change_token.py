"""The referral directory's change token (core.snapshots): triggers on every table the case screen reads."""

from django.db import migrations

from madoguchi.core.snapshots import install_change_triggers, remove_change_triggers

NAME = "referrals.directory"
TABLES = [
    "referrals_situation",
    "referrals_referralorganization",
    "referrals_referralorganization_situations",
    "referrals_lawentry",
    "referrals_eventtype",
    "referrals_eventtype_situations",
    "referrals_eventlawlink",
]


def forward(apps, schema_editor):
    install_change_triggers(schema_editor, NAME, TABLES)


def backward(apps, schema_editor):
    remove_change_triggers(schema_editor, NAME, TABLES)


class Migration(migrations.Migration):
    dependencies = [("referrals", "0003_reference_checked_on_and_penalty_history"), ("core", "0002_change_token")]

    operations = [migrations.RunPython(forward, backward)]
