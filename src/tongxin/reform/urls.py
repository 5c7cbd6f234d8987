from django.urls import path

from . import catalogue_views as cv
from . import heatmap_views, union_views

app_name = "reform"
urlpatterns: list = []

# --- the catalogue and scoring models (part A) ------------------------------------------

urlpatterns += [
    path("catalogues/", cv.catalogue_list_view, name="catalogue-list"),
    path("catalogues/<int:pk>/", cv.catalogue_detail_view, name="catalogue-detail"),
    path("catalogues/<int:pk>/edit/", cv.catalogue_edit_view, name="catalogue-edit"),
    path("catalogues/<int:pk>/copy/", cv.catalogue_copy_view, name="catalogue-copy"),
    path("catalogues/<int:pk>/publish/", cv.catalogue_publish_view, name="catalogue-publish"),
    path("catalogues/<int:pk>/indicators/new/", cv.indicator_new_view, name="indicator-new"),
    path("indicators/<int:pk>/edit/", cv.indicator_edit_view, name="indicator-edit"),
    path("indicators/<int:pk>/delete/", cv.indicator_delete_view, name="indicator-delete"),
    path("scoring/", cv.scoring_list_view, name="scoring-list"),
    path("scoring/new/", cv.scoring_new_view, name="scoring-new"),
    path("scoring/<int:pk>/edit/", cv.scoring_edit_view, name="scoring-edit"),
]


# --- the heat map and a school's facts (part C) -------------------------------------------

urlpatterns += [
    path("", heatmap_views.heatmap_view, name="heatmap"),
    path("heatmap.xlsx", heatmap_views.heatmap_export_view, name="heatmap-export"),
    path("schools/<int:school_id>/", heatmap_views.school_view, name="school"),
    path(
        "schools/<int:school_id>/compute/",
        heatmap_views.school_compute_view,
        name="school-compute",
    ),
]


# --- a union's results, evidence and explanations (part D) --------------------------------

urlpatterns += [
    path("mine/", union_views.mine_view, name="mine"),
    path("unions/<int:pk>/", union_views.union_view, name="union"),
    path("results/<int:pk>/explain/", union_views.explain_view, name="result-explain"),
    path("results/<int:pk>/evidence/", union_views.evidence_view, name="evidence-submit"),
    path(
        "evidence/<int:pk>/confirm/",
        union_views.decide_view,
        {"decision": "confirm"},
        name="evidence-confirm",
    ),
    path(
        "evidence/<int:pk>/reject/",
        union_views.decide_view,
        {"decision": "reject"},
        name="evidence-reject",
    ),
]


# --- issue 17: the review chain (part E) ---------------------------------------------------
from . import review_views  # noqa: E402

urlpatterns += [
    path("review/", review_views.review_view, name="review"),
    path("review/calendar/", review_views.calendar_view, name="review-calendar"),
    path("assessments/<int:pk>/", review_views.assessment_view, name="assessment"),
    path(
        "assessments/<int:pk>/<slug:action>/",
        review_views.assessment_step_view,
        name="assessment-step",
    ),
    path("sheets/<int:pk>/<slug:action>/", review_views.sheet_step_view, name="sheet-step"),
]
