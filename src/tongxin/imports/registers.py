"""Imports' entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import Nav, UrlInclude

NAVIGATION = [Nav("admin", _("导入"), "imports:upload", "imports.use_import", order=30)]
URLS = [UrlInclude("imports/", "tongxin.imports.urls", order=50)]
