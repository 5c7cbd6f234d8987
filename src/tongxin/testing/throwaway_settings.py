"""The site's settings plus the throwaway app (tongxin.testing.throwaway), for the one test
process that proves an app registers itself (tests/test_registration.py)."""

from tongxin.settings import *  # noqa: F403
from tongxin.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tongxin.testing.throwaway"]
