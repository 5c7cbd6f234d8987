from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_change_view, name="password-change"),
    path("activate/<str:uidb64>/<str:token>/", views.activate_view, name="activate"),
    path("reset/<str:raw>/", views.password_reset_view, name="password-reset"),
    path("security/", views.security_view, name="security"),
    path("people/", views.user_list_view, name="user-list"),
    path("people/<int:pk>/", views.user_detail_view, name="user-detail"),
    path("people/<int:pk>/activation/", views.user_activation_view, name="user-activate"),
    path("people/<int:pk>/reset/", views.user_password_reset_view, name="user-reset"),
    path("tokens/", views.token_list_view, name="token-list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke_view, name="token-revoke"),
]
