from django.urls import path

from schedules.views import api_tokens, editor, exports, reviews, rules, timezones

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
    path(
        "courses/<int:pk>/blend/findings/dismiss/",
        editor.finding_dismiss_view,
        name="finding_dismiss",
    ),
    path(
        "courses/<int:pk>/blend/findings/<int:dismissal_pk>/restore/",
        editor.finding_restore_view,
        name="finding_restore",
    ),
    path("courses/<int:pk>/timezones/", timezones.planner, name="timezones"),
    path(
        "courses/<int:pk>/timezones/blocks/<int:block_pk>/slot/",
        timezones.slot_apply,
        name="slot_apply",
    ),
    path("courses/<int:pk>/submit/", reviews.submit, name="submit"),
    path("reviews/", reviews.queue, name="review_queue"),
    path("reviews/<int:schedule_pk>/", reviews.review, name="review"),
    path("reviews/<int:schedule_pk>/comments/", reviews.comment, name="review_comment"),
    path("reviews/<int:schedule_pk>/compare/", reviews.compare, name="review_compare"),
    path("reviews/<int:schedule_pk>/export.csv", exports.export_csv, name="export_csv"),
    path("reviews/<int:schedule_pk>/export.json", exports.export_json, name="export_json"),
    path("reviews/<int:schedule_pk>/export.ics", exports.export_ics, name="export_ics"),
    path("reviews/<int:schedule_pk>/export.imscc", exports.export_imscc, name="export_imscc"),
    path("reviews/<int:schedule_pk>/print/", exports.print_view, name="review_print"),
    path("reviews/<int:schedule_pk>/decide/", reviews.decide, name="review_decide"),
    path("rules/", rules.rules, name="rules"),
    path("rules/v<int:version>/", rules.ruleset_version, name="ruleset_version"),
    path("rules/v<int:version>/export.json", rules.ruleset_export, name="ruleset_export"),
    path("rules/draft/start/", rules.draft_start, name="draft_start"),
    path("rules/draft/discard/", rules.draft_discard, name="draft_discard"),
    path("rules/draft/export.json", rules.ruleset_export, name="draft_export"),
    path("rules/draft/import/", rules.draft_import, name="draft_import"),
    path("rules/draft/rows/new/", rules.row_add, name="row_add"),
    path("rules/draft/rows/<slug:row_id>/edit/", rules.row_edit, name="row_edit"),
    path("rules/draft/rows/<slug:row_id>/delete/", rules.row_delete, name="row_delete"),
    path("rules/draft/settings/", rules.settings_save, name="settings_save"),
    path("rules/draft/preview/", rules.draft_preview, name="draft_preview"),
    path("rules/draft/publish/", rules.draft_publish, name="draft_publish"),
    path("settings/api-tokens/", api_tokens.api_tokens, name="api_tokens"),
    path("settings/api-tokens/new/", api_tokens.api_token_create, name="api_token_create"),
    path(
        "settings/api-tokens/<int:token_pk>/revoke/",
        api_tokens.api_token_revoke,
        name="api_token_revoke",
    ),
]
