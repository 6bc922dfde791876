"""The Rules pages' URLs: versions, the draft and its publication."""

from django.urls import path

from schedules.rulesets import views

urlpatterns = [
    path("rules/", views.rules, name="rules"),
    path("rules/recompute/", views.recompute_progress, name="recompute_progress"),
    path("rules/v<int:version>/", views.ruleset_version, name="ruleset_version"),
    path("rules/v<int:version>/export.json", views.ruleset_export, name="ruleset_export"),
    path("rules/draft/start/", views.draft_start, name="draft_start"),
    path("rules/draft/discard/", views.draft_discard, name="draft_discard"),
    path("rules/draft/export.json", views.ruleset_export, name="draft_export"),
    path("rules/draft/import/", views.draft_import, name="draft_import"),
    path("rules/draft/rows/new/", views.row_add, name="row_add"),
    path("rules/draft/rows/<slug:row_id>/edit/", views.row_edit, name="row_edit"),
    path("rules/draft/rows/<slug:row_id>/delete/", views.row_delete, name="row_delete"),
    path("rules/draft/settings/", views.settings_save, name="settings_save"),
    path("rules/draft/preview/", views.draft_preview, name="draft_preview"),
    path("rules/draft/preview/progress/", views.preview_progress, name="preview_progress"),
    path("rules/draft/publish/", views.draft_publish, name="draft_publish"),
]
