from django.contrib import admin

from courses.models import Course, LearnerProfile, LearnerSegment, LearningOutcome


class LearningOutcomeInline(admin.TabularInline[LearningOutcome, Course]):
    model = LearningOutcome
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin[Course]):
    list_display = [
        "title",
        "code",
        "owner",
        "discipline",
        "context",
        "weekly_hours",
        "weeks",
        "cohort_size",
        "start_date",
    ]
    list_filter = ["discipline", "context", "start_date"]
    search_fields = ["title", "code", "owner__username"]
    autocomplete_fields = ["owner", "co_instructors"]
    date_hierarchy = "start_date"
    inlines = [LearningOutcomeInline]


@admin.register(LearningOutcome)
class LearningOutcomeAdmin(admin.ModelAdmin[LearningOutcome]):
    list_display = ["text", "course", "bloom_level", "kind", "position"]
    list_filter = ["bloom_level", "kind", "course__discipline"]
    search_fields = ["text", "course__title"]
    list_select_related = ["course"]


class LearnerSegmentInline(admin.TabularInline[LearnerSegment, LearnerProfile]):
    model = LearnerSegment
    extra = 0


@admin.register(LearnerProfile)
class LearnerProfileAdmin(admin.ModelAdmin[LearnerProfile]):
    list_display = ["course", "kind", "bandwidth", "lab_access", "lms_present"]
    list_filter = ["kind", "bandwidth", "lab_access", "lms_present"]
    search_fields = ["course__title"]
    list_select_related = ["course"]
    inlines = [LearnerSegmentInline]


@admin.register(LearnerSegment)
class LearnerSegmentAdmin(admin.ModelAdmin[LearnerSegment]):
    list_display = ["name", "profile", "head_count", "timezone", "bandwidth"]
    list_filter = ["bandwidth", "timezone"]
    search_fields = ["name", "timezone", "profile__course__title"]
    list_select_related = ["profile__course"]
