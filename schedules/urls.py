"""The schedules app's URLs, one module per feature, all in the ``schedules`` namespace."""

from django.urls import include, path

app_name = "schedules"

FEATURES = [
    "overview",
    "recommendations",
    "editor",
    "planner",
    "pilot",
    "reviews",
    "survey",
    "exports",
    "rulesets",
    "learnerpage",
    "api",
]

urlpatterns = [path("", include(f"schedules.{feature}.urls")) for feature in FEATURES]
