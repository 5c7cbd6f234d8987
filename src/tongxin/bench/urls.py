"""Mounted only when TONGXIN_BENCH=1 (see root_urls.py and the lead's urls line)."""

from django.urls import path

from . import views

app_name = "bench"
urlpatterns = [
    path("ceiling/", views.ceiling_get_view, name="ceiling-get"),
    path("ceiling/post/", views.ceiling_post_view, name="ceiling-post"),
    path("ceiling/post/anyone/", views.ceiling_post_anyone_view, name="ceiling-post-anyone"),
]
