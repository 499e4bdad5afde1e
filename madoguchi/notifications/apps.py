from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "madoguchi.notifications"
    verbose_name = _("通知")

    def ready(self) -> None:
        from madoguchi.cases import events
        from madoguchi.cases.extensions import DashboardWidget, register_widget
        from madoguchi.notifications import services, views

        events.register_listener(services.on_event)
        register_widget(
            DashboardWidget(
                key="notifications", order=5, template="staff/notifications/_widget.html", context=views.widget
            )
        )
