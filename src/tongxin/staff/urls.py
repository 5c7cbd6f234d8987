from django.urls import path

from . import academic_views, archive_views, views

app_name = "staff"
urlpatterns = [
    path("unions/", views.union_list_view, name="union-list"),
    path("unions/<int:pk>/", views.union_detail_view, name="union-detail"),
    path("unions/<int:pk>/departments/", views.department_create_view, name="department-create"),
    path("unions/<int:pk>/appoint/", views.appoint_view, name="officer-appoint"),
    path("unions/<int:pk>/exit/", views.exit_view, name="officer-exit"),
    path("unions/<int:pk>/records/", views.record_view, name="record-add"),
    path("grades/", academic_views.grades_view, name="grades"),
    path("grades/template/", academic_views.grades_template_view, name="grades-template"),
    path("warnings/", academic_views.school_warnings_view, name="warnings"),
    path("warnings/mine/", academic_views.my_warnings_view, name="my-warnings"),
    path("limits/", academic_views.limits_view, name="limits"),
    path("people/<int:pk>/archive/", archive_views.archive_view, name="archive"),
    path("people/<int:pk>/archive.pdf", archive_views.archive_pdf_view, name="archive-pdf"),
]
