from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlaybooksConfig(AppConfig):
    name = "madoguchi.playbooks"
    verbose_name = _("事故対応フロー")

    def ready(self) -> None:
        from madoguchi.playbooks.panels import register_panels

        register_panels()
