from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "madoguchi.triage"
    verbose_name = _("振り分け支援")

    def ready(self) -> None:
        from madoguchi.cases.extensions import register_after_save
        from madoguchi.triage import services
        from madoguchi.triage.panels import register_panels

        register_panels()
        register_after_save(services.on_case_saved, inputs=services.HOOK_INPUTS)
