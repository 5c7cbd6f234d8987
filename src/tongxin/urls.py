import os

from django.contrib import admin
from django.urls import include, path

from tongxin.api.api import api
from tongxin.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("", include("tongxin.core.urls")),
    path("accounts/", include("tongxin.accounts.urls")),
    path("orgs/", include("tongxin.orgs.urls")),
    path("audit/", include("tongxin.audit.urls")),
    path("notifications/", include("tongxin.notifications.urls")),
    path("imports/", include("tongxin.imports.urls")),
    path("workdays/", include("tongxin.workdays.urls")),
    path("rights/", include("tongxin.rights.urls")),
    path("stats/", include("tongxin.stats.urls")),
    path("assessment/", include("tongxin.assessment.urls")),
    path("staff/", include("tongxin.staff.urls")),
    path("training/", include("tongxin.training.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("selection/", include("tongxin.selection.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# The benchmark's ceiling views (trivial GET and CSRF POST) exist only in a bench run.
if os.environ.get("TONGXIN_BENCH") == "1":
    urlpatterns.append(path("bench/", include("tongxin.bench.urls")))

handler403 = "tongxin.core.views.error_403"
handler404 = "tongxin.core.views.error_404"
handler500 = "tongxin.core.views.error_500"
