"""Root URLs: the apps' namespaced URLs, the JSON API, sign-in and passwords, the Django
admin, a health check and Prometheus metrics."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from blendplan.forms import ChangePasswordForm, NewPasswordForm
from blendplan.http import duration_in_words
from blendplan.metrics import metrics
from blendplan.views import favicon, health
from schedules.api import api

# How long a password-reset link works, in words for the pages and the mail.
link_lifetime = duration_in_words(settings.PASSWORD_RESET_TIMEOUT)

urlpatterns = [
    path("", include("courses.urls")),
    path("", include("schedules.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Django's password views under their default names (they link to one another by them).
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(form_class=ChangePasswordForm),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(
            # The link in the mail starts with SITE_URL, never with the request's Host header
            # (which whoever asks for the reset chooses).
            extra_email_context={"site_url": settings.SITE_URL, "link_lifetime": link_lifetime},
            extra_context={"link_lifetime": link_lifetime},
        ),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            extra_context={
                "link_lifetime": link_lifetime,
                "help_contact": settings.ACCOUNT_HELP_CONTACT,
            }
        ),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=NewPasswordForm, extra_context={"link_lifetime": link_lifetime}
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("favicon.ico", favicon, name="favicon"),
    path("metrics", metrics, name="metrics"),
]

admin.site.site_header = "BlendPlan administration"
admin.site.site_title = "BlendPlan admin"
