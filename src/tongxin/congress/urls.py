from django.urls import path

app_name = "congress"
urlpatterns: list = []

# --- sessions ---------------------------------------------------------------------------
from . import session_views  # noqa: E402

urlpatterns += [
    path("", session_views.mine_view, name="mine"),
    path("supervise/", session_views.supervise_view, name="supervise"),
    path("rules/", session_views.rules_view, name="rules"),
    path("unions/<int:union_id>/", session_views.union_view, name="union"),
    path("lines/<int:pk>/", session_views.line_view, name="line-detail"),
    path("lines/<int:pk>/plan/", session_views.plan_view, name="line-plan"),
    path("lines/<int:pk>/past/", session_views.past_view, name="line-past"),
    path("sessions/<int:pk>/", session_views.session_view, name="session-detail"),
    path("sessions/<int:pk>/<slug:action>/", session_views.action_view, name="session-action"),
]


# --- delegates --------------------------------------------------------------------------


# --- rating -----------------------------------------------------------------------------


__all__ = ["path"]
