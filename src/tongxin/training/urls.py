from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("", views.session_list_view, name="session-list"),
    path("<int:pk>/", views.session_detail_view, name="session-detail"),
]
