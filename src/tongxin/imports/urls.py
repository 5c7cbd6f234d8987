from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.upload_view, name="upload"),
    path("template/", views.template_view, name="template"),
    path("jobs/<int:pk>/", views.job_detail_view, name="job-detail"),
    path("jobs/<int:pk>/status/", views.job_status_view, name="job-status"),
]
