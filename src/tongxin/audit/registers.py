"""The audit log's entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import Nav, UrlInclude

NAVIGATION = [Nav("admin", _("审计日志"), "audit:event-list", "audit.view_event_list", order=40)]
URLS = [UrlInclude("audit/", "tongxin.audit.urls", order=30)]
