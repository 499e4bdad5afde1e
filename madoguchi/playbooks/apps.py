from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlaybooksConfig(AppConfig):
    name = "madoguchi.playbooks"
    verbose_name = _("事故対応フロー")
