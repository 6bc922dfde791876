"""The pilot's URLs."""

from django.urls import path

from schedules.pilot import data_views, revise_views, views

urlpatterns = [
    path("courses/<int:pk>/pilot/", views.pilot, name="pilot"),
    path("courses/<int:pk>/pilot/state/", views.pilot_move, name="pilot_move"),
    path("courses/<int:pk>/pilot/checklist/<slug:item>/", views.pilot_tick, name="pilot_tick"),
    path(
        "courses/<int:pk>/pilot/retrospective/date/",
        views.retrospective_book,
        name="retrospective_book",
    ),
    path(
        "courses/<int:pk>/pilot/retrospective/notes/",
        views.retrospective_notes,
        name="retrospective_notes",
    ),
    path("courses/<int:pk>/pilot/decisions/", views.decision_add, name="decision_add"),
    path(
        "courses/<int:pk>/pilot/decisions/<int:decision_pk>/",
        views.decision_status,
        name="decision_status",
    ),
    path("courses/<int:pk>/pilot/delete/", views.pilot_delete, name="pilot_delete"),
    path("courses/<int:pk>/pilot/imports/", data_views.pilot_import, name="pilot_import"),
    path(
        "courses/<int:pk>/pilot/imports/progress/",
        data_views.pilot_imports_progress,
        name="pilot_imports_progress",
    ),
    path("courses/<int:pk>/pilot/mapping/", data_views.pilot_mapping, name="pilot_mapping"),
    path("courses/<int:pk>/pilot/evidence/", data_views.pilot_evidence, name="pilot_evidence"),
    path(
        "courses/<int:pk>/pilot/evidence/blocks/<int:block_pk>/revise/",
        revise_views.pilot_revise,
        name="pilot_revise",
    ),
    path(
        "courses/<int:pk>/pilot/evidence/revisions/<int:revision_pk>/undo/",
        revise_views.pilot_revision_undo,
        name="pilot_revision_undo",
    ),
    path("pilot/privacy/", views.pilot_privacy, name="pilot_privacy"),
]
