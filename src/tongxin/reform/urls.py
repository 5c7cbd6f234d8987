from django.urls import path

app_name = "reform"
urlpatterns: list = []

# --- the catalogue and scoring models (part A) ------------------------------------------


# --- the heat map and a school's facts (part C) -------------------------------------------
from . import heatmap_views  # noqa: E402

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
