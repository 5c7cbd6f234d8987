from django.urls import path

from . import views

app_name = "stats"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("schools/<int:school_id>/", views.school_detail_view, name="school-detail"),
    path("schools/<int:school_id>/export.xlsx", views.school_export_view, name="school-export"),
    path("overview/", views.overview_view, name="overview"),
    path("overview/export.xlsx", views.overview_export_view, name="overview-export"),
    path("reports/", views.report_list_view, name="report-list"),
    path("reports/<int:pk>/", views.report_detail_view, name="report-detail"),
    path("reports/<int:pk>/report.pdf", views.report_pdf_view, name="report-pdf"),
    path("reports/<int:pk>/report.xlsx", views.report_export_view, name="report-export"),
]
