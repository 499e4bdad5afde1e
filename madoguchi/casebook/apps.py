from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasebookConfig(AppConfig):
    name = "madoguchi.casebook"
    verbose_name = _("事例集・ガイドブック")

    def ready(self) -> None:
        from madoguchi.casebook.panels import register_panels

        register_panels()
