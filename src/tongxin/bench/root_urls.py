"""The project's URLs plus /bench/ (ceiling views), for the bench settings only."""

from django.urls import include, path

from tongxin.urls import handler403, handler404, handler500
from tongxin.urls import urlpatterns as project_urls

urlpatterns = [path("bench/", include("tongxin.bench.urls")), *project_urls]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
