from django.urls import path

app_name = "reform"
urlpatterns: list = []

# --- the catalogue and scoring models (part A) ------------------------------------------


# --- the heat map and a school's facts (part C) -------------------------------------------


# --- a union's results, evidence and explanations (part D) --------------------------------
from . import union_views  # noqa: E402

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
