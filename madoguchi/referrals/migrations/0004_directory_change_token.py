"""The referral directory's change token (core.snapshots): triggers on every table the case screen reads."""

from django.db import migrations

from madoguchi.core.snapshots import change_token_migration

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


class Migration(migrations.Migration):
    dependencies = [("referrals", "0003_reference_checked_on_and_penalty_history"), ("core", "0002_change_token")]

    operations = [change_token_migration(NAME, TABLES)]
