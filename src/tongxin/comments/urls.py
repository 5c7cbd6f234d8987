from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("<int:pk>/<slug:step>/", views.moderate, name="moderate"),
    path("on/<str:key>/<int:object_id>/", views.panel, name="panel"),
]
