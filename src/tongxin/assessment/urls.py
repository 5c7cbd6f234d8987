from django.urls import path

from . import policy_views, rating_views, report_views, views

app_name = "assessment"
urlpatterns = [
    path("rounds/", views.round_list_view, name="round-list"),
    path("rounds/new/", views.round_open_view, name="round-open"),
    path("rounds/<int:pk>/", views.round_detail_view, name="round-detail"),
    path("rounds/<int:pk>/close/", views.round_close_view, name="round-close"),
    path("rounds/<int:pk>/publish/", views.round_publish_view, name="round-publish"),
    path(
        "proposals/<int:pk>/confirm/",
        views.proposal_decide_view,
        {"decision": "confirm"},
        name="proposal-confirm",
    ),
    path(
        "proposals/<int:pk>/dismiss/",
        views.proposal_decide_view,
        {"decision": "dismiss"},
        name="proposal-dismiss",
    ),
    path("rate/", rating_views.rating_list_view, name="rating-list"),
    path("rate/<int:pk>/", rating_views.rating_submit_view, name="rating-submit"),
    path("mine/", report_views.my_rounds_view, name="my-rounds"),
    path("mine/<int:pk>/", report_views.my_round_view, name="my-round"),
    path("policy/", policy_views.policy_view, name="policy"),
]
