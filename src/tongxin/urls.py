import os

from django.contrib import admin
from django.urls import include, path

from tongxin.api.api import api
from tongxin.core import views as core_views
from tongxin.core.registration import by_order

# Each app declares its include in its registers.py (URLS), core first; Django's own last.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    *(
        path(entry.prefix, include(entry.module, namespace=entry.namespace))
        for entry in by_order("URLS")
    ),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# The benchmark's ceiling views (trivial GET and CSRF POST) exist only in a bench run.
if os.environ.get("TONGXIN_BENCH") == "1":
    urlpatterns.append(path("bench/", include("tongxin.bench.urls")))

handler403 = "tongxin.core.views.error_403"
handler404 = "tongxin.core.views.error_404"
handler500 = "tongxin.core.views.error_500"
