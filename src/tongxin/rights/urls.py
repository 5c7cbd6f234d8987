from django.urls import path

app_name = "rights"
urlpatterns: list = []
