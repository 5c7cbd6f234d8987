from django.urls import path

from . import views

app_name = "throwaway"
urlpatterns = [path("", views.page, name="page")]
