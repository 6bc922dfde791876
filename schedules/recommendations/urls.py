"""The recommendation's URLs."""

from django.urls import path

from schedules.recommendations import views

urlpatterns = [
    path("courses/<int:pk>/recommendation/", views.recommendation, name="recommendation"),
]
