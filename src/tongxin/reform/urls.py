from django.urls import path

from . import catalogue_views as cv
from . import (
    disclosure_views,
    heatmap_views,
    meeting_views,
    rating_views,
    rectification_views,
    review_views,
    union_views,
)

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


# --- issue 17: the public disclosure (公示) ---

urlpatterns += [
    path(
        "public/<str:code>/<int:year>/",
        disclosure_views.public_view,
        name="disclosure-public",
    ),
    path(
        "public/<str:code>/<int:year>/notice.pdf",
        disclosure_views.public_pdf_view,
        name="disclosure-pdf",
    ),
    path("disclosures/", disclosure_views.list_view, name="disclosure-list"),
    path("disclosures/<int:pk>/", disclosure_views.detail_view, name="disclosure-detail"),
    path(
        "disclosures/<int:pk>/comment/",
        disclosure_views.comment_view,
        name="disclosure-comment",
    ),
    path(
        "assessments/<int:pk>/disclose/",
        disclosure_views.open_view,
        name="disclosure-open",
    ),
]


# --- issue 17: rating, feedback letter, rectification (part G) ----------------------------

urlpatterns += [
    path("ratings/", rating_views.rating_list_view, name="rating-list"),
    path("assessments/<int:pk>/rating/", rating_views.rating_view, name="rating"),
    path(
        "assessments/<int:pk>/rating/propose/",
        rating_views.rating_propose_view,
        name="rating-propose",
    ),
    path(
        "assessments/<int:pk>/rating/confirm/",
        rating_views.rating_confirm_view,
        name="rating-confirm",
    ),
    path("assessments/<int:pk>/letter/", rating_views.letter_issue_view, name="letter-issue"),
    path("assessments/<int:pk>/letter.pdf", rating_views.letter_pdf_view, name="letter-pdf"),
    path("rectification/", rectification_views.rectification_rates_view, name="rectification"),
    path(
        "rectification/items/",
        rectification_views.rectification_items_view,
        name="rectification-items",
    ),
    path(
        "rectification/items/<int:pk>/",
        rectification_views.rectification_item_view,
        name="rectification-item",
    ),
    path(
        "rectification/items/<int:pk>/note/",
        rectification_views.rectification_note_view,
        name="rectification-note",
    ),
    path(
        "rectification/items/<int:pk>/accept/",
        rectification_views.rectification_accept_view,
        name="rectification-accept",
    ),
]


# --- issue 17: call-ins, exchange visits and meeting records (part H) ----------------------

urlpatterns += [
    path("call-ins/", meeting_views.call_in_list_view, name="call-in-list"),
    path(
        "call-ins/schools/<int:school_id>/",
        meeting_views.meeting_school_view,
        name="meeting-school",
    ),
    path(
        "call-ins/schools/<int:school_id>/meetings/",
        meeting_views.meeting_new_view,
        name="meeting-new",
    ),
    path("call-ins/<int:pk>/mark/", meeting_views.call_in_mark_view, name="call-in-mark"),
    path("call-ins/<int:pk>/clear/", meeting_views.call_in_clear_view, name="call-in-clear"),
]


# --- issue 17: the review chain (part E) ---------------------------------------------------
# After the other parts' /assessments/<pk>/… pages: the step pattern would match them.
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
