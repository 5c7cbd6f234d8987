"""Settings for `bench/run` only: the production settings plus the ceiling views and a
per-request SQL query counter. Selected with DJANGO_SETTINGS_MODULE=tongxin.bench.settings
and active only when TONGXIN_BENCH=1, so a stray import changes nothing in production."""

import os

from tongxin.settings import *  # noqa: F403
from tongxin.settings import INSTALLED_APPS, MIDDLEWARE

if "tongxin.bench" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "tongxin.bench"]

if os.environ.get("TONGXIN_BENCH") == "1":
    ROOT_URLCONF = "tongxin.bench.root_urls"
    MIDDLEWARE = ["tongxin.bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
