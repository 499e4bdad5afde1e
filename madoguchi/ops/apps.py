from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "madoguchi.ops"
    label = "ops"
    verbose_name = _("運用")

    def ready(self) -> None:
        from django.core.signals import request_finished

        from madoguchi.ops.request_id import clear_request_id

        request_finished.connect(clear_request_id, dispatch_uid="madoguchi.ops.clear_request_id")
