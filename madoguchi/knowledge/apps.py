from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "madoguchi.knowledge"
    verbose_name = _("ナレッジ")

    def ready(self) -> None:
        from madoguchi.cases import extensions
        from madoguchi.knowledge.case_index import (
            INDEXED_FIELDS,
            case_keyword_filter,
            index_case,
            index_case_status,
        )
        from madoguchi.knowledge.panels import register_panels
        from madoguchi.knowledge.reference_index import index_organization, sync_reference_data
        from madoguchi.referrals import hooks as referral_hooks

        # Cases never import knowledge: the index and the case-list keyword filter plug in here.
        extensions.register_after_save(index_case, inputs=INDEXED_FIELDS)
        # The status is only a filter column of the entry: one UPDATE, no re-indexing of the text.
        extensions.register_after_save(index_case_status, inputs={"status"})
        # Nor does the directory (a leaf): its services and loader call these hooks.
        referral_hooks.register_organization_saved(index_organization)
        referral_hooks.register_reference_loaded(sync_reference_data)
        extensions.register_keyword_filter(case_keyword_filter)
        register_panels()
