from django.urls import path

from . import views

app_name = "selection"
urlpatterns = [
    path("", views.list_view, name="candidacy-list"),
    path("college/", views.college_view, name="college"),
    path("college/recommend/", views.recommend_view, name="candidacy-recommend"),
    path("candidacies/<int:pk>/", views.detail_view, name="candidacy-detail"),
    path("candidacies/<int:pk>/<slug:action>/", views.action_view, name="candidacy-action"),
    path("notice/", views.notice_view, name="notice"),
    path("notice/<int:pk>/object/", views.object_view, name="notice-object"),
    path("settings/", views.settings_view, name="settings"),
]
