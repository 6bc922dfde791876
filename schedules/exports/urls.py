"""The exports' URLs: a submitted version as CSV, XLSX, JSON, iCalendar, IMS CC and print;
the JSON export's schema; the calendar feed."""

from django.urls import path, re_path

from schedules.exports import feed_views, views
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
    path("courses/<int:pk>/calendar-feed/", feed_views.feed_page, name="calendar_feed_page"),
    path("courses/<int:pk>/calendar-feed/qr.svg", feed_views.feed_qr, name="feed_qr"),
    # The address calendar clients poll: the token is the key (no sign-in).
    re_path(
        r"^feeds/(?P<token>[A-Za-z0-9_-]{32,64})\.ics$",
        feed_views.calendar_feed,
        name="calendar_feed",
    ),
    # A stable address: the schema's $id, and what docs/exports.md links to.
    path("exports/schedule-export.schema.json", views.export_schema, name="export_schema"),
]
