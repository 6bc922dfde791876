"""The blend editor's URLs: a course's blocks, bulk actions and findings."""

from django.urls import path

from schedules.editor import views

urlpatterns = [
    path("courses/<int:pk>/blend/", views.editor, name="editor"),
    path("courses/<int:pk>/blend/blocks/new/", views.block_new, name="block_new"),
    path("courses/<int:pk>/blend/blocks/<int:block_pk>/edit/", views.block_edit, name="block_edit"),
    path(
        "courses/<int:pk>/blend/blocks/<int:block_pk>/duplicate/",
        views.block_duplicate_view,
        name="block_duplicate",
    ),
    path(
        "courses/<int:pk>/blend/blocks/<int:block_pk>/delete/",
        views.block_delete_view,
        name="block_delete",
    ),
    path("courses/<int:pk>/blend/sample-week/", views.sample_week_apply, name="sample_week"),
    path("courses/<int:pk>/blend/copy-week/", views.week_copy, name="week_copy"),
    path(
        "courses/<int:pk>/blend/findings/dismiss/",
        views.finding_dismiss_view,
        name="finding_dismiss",
    ),
    path(
        "courses/<int:pk>/blend/findings/<int:dismissal_pk>/restore/",
        views.finding_restore_view,
        name="finding_restore",
    ),
]
