"""The exports' URLs: a submitted version as CSV, JSON, iCalendar, IMS CC and print."""

from django.urls import path

from schedules.exports import views

urlpatterns = [
    path("reviews/<int:schedule_pk>/export.csv", views.export_csv, name="export_csv"),
    path("reviews/<int:schedule_pk>/export.json", views.export_json, name="export_json"),
    path("reviews/<int:schedule_pk>/export.ics", views.export_ics, name="export_ics"),
    path("reviews/<int:schedule_pk>/export.imscc", views.export_imscc, name="export_imscc"),
    path("reviews/<int:schedule_pk>/print/", views.print_view, name="review_print"),
]
