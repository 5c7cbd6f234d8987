from django.urls import path

app_name = "congress"
urlpatterns: list = []

# --- sessions ---------------------------------------------------------------------------


# --- delegates --------------------------------------------------------------------------


# --- rating -----------------------------------------------------------------------------
from . import rating_views  # noqa: E402

urlpatterns += [
    path("ratings/", rating_views.rating_table_view, name="rating-table"),
    path("ratings/export.xlsx", rating_views.rating_export_view, name="rating-export"),
    path("ratings/<int:union_id>/<int:year>/", rating_views.rating_rate_view, name="rating-rate"),
]


__all__ = ["path"]
