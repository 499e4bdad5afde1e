from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "madoguchi.outreach"
    verbose_name = _("普及啓発")

    def ready(self) -> None:
        from madoguchi.outreach.panels import register_panels

        register_panels()
