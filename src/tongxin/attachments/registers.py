"""What the attachments piece adds to the site (see core/registration.py): its URLs. The
subjects come from the apps (ATTACHABLE in their registers.py)."""

from tongxin.core.registration import UrlInclude

URLS = [UrlInclude("attachments/", "tongxin.attachments.urls", order=200)]
