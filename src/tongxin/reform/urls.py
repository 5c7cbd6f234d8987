from django.urls import path  # noqa: F401  (each part's section adds its paths)

app_name = "reform"
urlpatterns: list = []

# --- the catalogue and scoring models (part A) ------------------------------------------


# --- the heat map and a school's facts (part C) -------------------------------------------


# --- a union's results, evidence and explanations (part D) --------------------------------
