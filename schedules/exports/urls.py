"""The exports' URLs: a submitted version as CSV, XLSX, JSON, iCalendar, IMS CC and print;
the JSON export's schema."""

from django.urls import path

from schedules.exports import views
from schedules.exports.downloads import EXPORT_FORMATS

urlpatterns = [
    *(
        # export_csv, export_xlsx, export_json, export_ics, export_imscc
        path(
            f"reviews/<int:schedule_pk>/export.{export_format}",
            views.export,
            {"export_format": export_format},
            name=f"export_{export_format}",
        )
        for export_format in EXPORT_FORMATS
    ),
    path("reviews/<int:schedule_pk>/print/", views.print_view, name="review_print"),
    # A stable address: the schema's $id, and what docs/exports.md links to.
    path("exports/schedule-export.schema.json", views.export_schema, name="export_schema"),
]
