from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "madoguchi.triage"
    verbose_name = _("振り分け支援")
