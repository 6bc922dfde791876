from django.urls import path

from schedules.views import editor

app_name = "schedules"

urlpatterns = [
    path("courses/<int:pk>/blend/", editor.editor, name="editor"),
    path("courses/<int:pk>/blend/blocks/new/", editor.block_new, name="block_new"),
    path(
        "courses/<int:pk>/blend/blocks/<int:block_pk>/edit/", editor.block_edit, name="block_edit"
    ),
    path(
        "courses/<int:pk>/blend/blocks/<int:block_pk>/duplicate/",
        editor.block_duplicate_view,
        name="block_duplicate",
    ),
    path(
        "courses/<int:pk>/blend/blocks/<int:block_pk>/delete/",
        editor.block_delete_view,
        name="block_delete",
    ),
    path("courses/<int:pk>/blend/sample-week/", editor.sample_week_apply, name="sample_week"),
    path("courses/<int:pk>/blend/copy-week/", editor.week_copy, name="week_copy"),
]
