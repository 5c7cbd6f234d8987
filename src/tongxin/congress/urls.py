from django.urls import path

app_name = "congress"
urlpatterns: list = []

# --- sessions ---------------------------------------------------------------------------


# --- delegates --------------------------------------------------------------------------
from . import delegate_views  # noqa: E402

urlpatterns += [
    path("delegates/", delegate_views.lists_view, name="delegate-lists"),
    path("delegates/mine/", delegate_views.mine_view, name="my-delegacy"),
    path(
        "delegates/prepare/<int:session_pk>/",
        delegate_views.prepare_view,
        name="delegate-prepare",
    ),
    path("delegates/<int:pk>/", delegate_views.detail_view, name="delegate-list"),
    path("delegates/<int:pk>/pdf/", delegate_views.pdf_view, name="delegate-pdf"),
    path("delegates/<int:pk>/<slug:step>/", delegate_views.step_view, name="delegate-step"),
]


# --- rating -----------------------------------------------------------------------------
from . import rating_views  # noqa: E402

urlpatterns += [
    path("ratings/", rating_views.rating_table_view, name="rating-table"),
    path("ratings/export.xlsx", rating_views.rating_export_view, name="rating-export"),
    path("ratings/<int:union_id>/<int:year>/", rating_views.rating_rate_view, name="rating-rate"),
]


__all__ = ["path"]
