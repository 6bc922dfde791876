"""The pages over courses and their blends: the dashboard, a course's page, and the sources
the advice comes from."""

from django.urls import path

from schedules.overview import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("courses/sample/", views.sample_course_copy_view, name="sample_course_copy"),
    path("sources/", views.sources, name="sources"),
]
