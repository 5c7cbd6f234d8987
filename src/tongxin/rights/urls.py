from django.urls import path

from . import config_views, views

app_name = "rights"
urlpatterns = [
    path("submit/", views.submit_view, name="issue-submit"),
    path("mine/", views.mine_view, name="my-issues"),
    path("similar/", views.similar_view, name="similar"),
    path("queue/", views.queue_view, name="queue"),
    path("queue/bulk/", views.bulk_view, name="queue-bulk"),
    path("inbox/", views.inbox_view, name="inbox"),
    path("wall/", views.wall_view, name="wall"),
    path("issues/<int:pk>/", views.detail_view, name="issue-detail"),
    path("issues/<int:pk>/unseal/", views.unseal_view, name="issue-unseal"),
    path("issues/<int:pk>/support/", views.support_view, name="issue-support"),
    path("issues/<int:pk>/<slug:action>/", views.action_view, name="issue-action"),
    path("photos/<int:pk>/", views.photo_view, name="photo"),
    path("settings/", config_views.settings_view, name="settings"),
    path("categories/", config_views.categories_view, name="categories"),
]
