"""The API tokens page's URLs (the JSON API itself is mounted at /api/v1/)."""

from django.urls import path

from schedules.api import views

urlpatterns = [
    path("settings/api-tokens/", views.api_tokens, name="api_tokens"),
    path("settings/api-tokens/new/", views.api_token_create, name="api_token_create"),
    path(
        "settings/api-tokens/<int:token_pk>/revoke/",
        views.api_token_revoke,
        name="api_token_revoke",
    ),
]
