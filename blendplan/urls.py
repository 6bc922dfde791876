"""Root URLs: the apps' namespaced URLs, the JSON API, sign-in, the Django admin, a
health check and Prometheus metrics."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from blendplan.metrics import metrics
from blendplan.views import health
from schedules.api import api

urlpatterns = [
    path("", include("courses.urls")),
    path("", include("schedules.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("metrics", metrics, name="metrics"),
]

admin.site.site_header = "BlendPlan administration"
admin.site.site_title = "BlendPlan admin"
