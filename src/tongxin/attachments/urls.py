from django.urls import path

from . import views

app_name = "attachments"
urlpatterns = [
    path("files/<int:pk>/", views.download, name="download"),
    path("files/<int:pk>/delete/", views.delete, name="delete"),
    path("on/<str:key>/<int:object_id>/", views.panel, name="panel"),
]
