from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("schools/", views.school_list_view, name="school-list"),
    path("nodes/<int:pk>/", views.node_detail_view, name="node-detail"),
]
