from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "madoguchi.intake"
    verbose_name = _("受付")

    def ready(self) -> None:
        from madoguchi.intake.panels import register_panels

        register_panels()
