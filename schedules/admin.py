from django.contrib import admin

from schedules.models import ActivityBlock, Schedule


class ActivityBlockInline(admin.TabularInline[ActivityBlock, Schedule]):
    model = ActivityBlock
    extra = 0
    fields = [
        "title",
        "modality",
        "activity_type",
        "day",
        "start_time",
        "duration_minutes",
        "weeks",
        "due_day",
    ]


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin[Schedule]):
    list_display = ["course", "status", "recommended_live_share", "rules_version", "updated"]
    list_filter = ["status", "course__discipline"]
    search_fields = ["course__title", "course__code"]
    list_select_related = ["course"]
    readonly_fields = ["lock_version", "created", "updated"]
    inlines = [ActivityBlockInline]


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
