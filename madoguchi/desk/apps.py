from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The top layer: commands that span the desk apps (install, reference data, demo, export, benchmark).

    Nothing imports it (an import-linter contract), so the apps below never depend on the whole desk.
    """

    name = "madoguchi.desk"
    verbose_name = _("窓口全体")
