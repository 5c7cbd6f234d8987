"""Training's entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import ArchiveSource, Nav, UrlInclude

from . import archive

NAVIGATION = [
    Nav("union", _("培训"), "training:session-list", "training.open_sessions", order=40),
]
URLS = [UrlInclude("training/", "tongxin.training.urls", order=110)]
ARCHIVE = [ArchiveSource(archive.trainings, order=20)]
