"""The time-zone planner's URLs."""

from django.urls import path

from schedules.planner import views

urlpatterns = [
    path("courses/<int:pk>/timezones/", views.planner, name="timezones"),
    path(
        "courses/<int:pk>/timezones/blocks/<int:block_pk>/slot/",
        views.slot_apply,
        name="slot_apply",
    ),
]
