from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnswersConfig(AppConfig):
    name = "madoguchi.answers"
    verbose_name = _("回答")

    def ready(self) -> None:
        from madoguchi.answers.panels import register_panels

        register_panels()
