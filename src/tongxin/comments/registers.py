"""What the comments piece adds to the site (see core/registration.py): its URLs and the
moderator's to-do items. The subjects come from the apps (COMMENTABLE in their registers.py)."""

from tongxin.core.registration import UrlInclude

from . import todo

TODO = todo.PROVIDERS
URLS = [UrlInclude("comments/", "tongxin.comments.urls", order=200)]
