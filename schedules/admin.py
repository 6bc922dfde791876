from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from schedules.editor.services import next_position
from schedules.models import (
    WHAT_AND_WHEN,
    ActivityBlock,
    ApiToken,
    FindingDismissal,
    Pilot,
    PilotDecision,
    ReadinessTick,
    ReviewComment,
    RuleSet,
    Schedule,
    ScheduleEvent,
    ScheduleVersion,
)


class ActivityBlockInline(admin.TabularInline[ActivityBlock, Schedule]):
    model = ActivityBlock
    extra = 0
    fields = WHAT_AND_WHEN


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin[Schedule]):
    list_display = ["course", "status", "recommended_live_share", "rules_version", "updated"]
    list_filter = ["status", "course__discipline"]
    search_fields = ["course__title", "course__code"]
    list_select_related = ["course"]
    readonly_fields = ["created", "updated"]
    inlines = [ActivityBlockInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Save the inline blocks, numbering new ones after the schedule's last block (the
        inline does not show positions, which are unique within a schedule)."""
        if formset.model is not ActivityBlock:
            super().save_formset(request, form, formset, change)
            return
        blocks = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            deleted.delete()
        for block in blocks:
            if block.pk is None:
                block.position = next_position(form.instance)
            block.save()
        formset.save_m2m()


@admin.register(ActivityBlock)
class ActivityBlockAdmin(admin.ModelAdmin[ActivityBlock]):
    list_display = [
        "title",
        "schedule",
        "modality",
        "activity_type",
        "day",
        "start_time",
        "duration_minutes",
        "delivery",
    ]
    list_filter = [
        "modality",
        "activity_type",
        "day",
        "delivery",
        "recorded",
        "captions",
        "co_facilitator",
    ]
    search_fields = ["title", "schedule__course__title"]
    list_select_related = ["schedule__course"]
    filter_horizontal = ["outcomes"]


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin[RuleSet]):
    """Rule-set versions, read-only: they are edited on the Rules page, where every change is
    validated and publishing recomputes the recommendations."""

    list_display = ["__str__", "status", "version", "published_at", "published_by", "note"]
    list_filter = ["status"]
    search_fields = ["note"]
    readonly_fields = [field.name for field in RuleSet._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: RuleSet | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: RuleSet | None = None) -> bool:
        return False


@admin.register(FindingDismissal)
class FindingDismissalAdmin(admin.ModelAdmin[FindingDismissal]):
    list_display = ["check_id", "schedule", "dismissed_by", "created"]
    list_filter = ["check_id"]
    search_fields = ["reason", "message", "schedule__course__title"]
    list_select_related = ["schedule__course", "dismissed_by"]


@admin.register(ScheduleVersion)
class ScheduleVersionAdmin(admin.ModelAdmin[ScheduleVersion]):
    list_display = ["schedule", "number", "submitted_by", "submitted_at"]
    search_fields = ["schedule__course__title"]
    list_select_related = ["schedule__course", "submitted_by"]
    readonly_fields = ["schedule", "number", "snapshot", "submitted_by", "submitted_at"]


class ReadinessTickInline(admin.TabularInline[ReadinessTick, Pilot]):
    model = ReadinessTick
    extra = 0
    fields = ["item", "note", "ticked_by", "ticked_at"]
    readonly_fields = ["ticked_at"]


class PilotDecisionInline(admin.TabularInline[PilotDecision, Pilot]):
    model = PilotDecision
    extra = 0
    fields = ["text", "block", "status", "created_by", "created"]
    readonly_fields = ["created"]
    raw_id_fields = ["block"]


@admin.register(Pilot)
class PilotAdmin(admin.ModelAdmin[Pilot]):
    """A course's pilot with its checklist ticks and decisions (deleting it deletes them)."""

    list_display = ["schedule", "state", "first_week", "last_week", "retrospective_on", "ended"]
    list_filter = ["state"]
    search_fields = ["schedule__course__title", "schedule__course__code"]
    list_select_related = ["schedule__course"]
    readonly_fields = ["created", "updated", "started", "ended"]
    inlines = [ReadinessTickInline, PilotDecisionInline]


@admin.register(ReviewComment)
class ReviewCommentAdmin(admin.ModelAdmin[ReviewComment]):
    list_display = ["version", "author", "block_id", "created"]
    search_fields = ["body", "version__schedule__course__title"]
    list_select_related = ["version__schedule__course", "author"]


@admin.register(ScheduleEvent)
class ScheduleEventAdmin(admin.ModelAdmin[ScheduleEvent]):
    list_display = ["schedule", "kind", "version", "actor", "created"]
    list_filter = ["kind"]
    list_select_related = ["schedule__course", "version", "actor"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    """API tokens: staff can see and revoke them (set "revoked at"), never read the secret,
    which is not stored; tokens are made on the owner's settings page."""

    list_display = ["name", "user", "prefix", "created", "last_used", "expires", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username"]
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "secret_hash",
        "created",
        "last_used",
        "revoked_by",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
