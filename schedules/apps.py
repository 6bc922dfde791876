from django.apps import AppConfig


class SchedulesConfig(AppConfig):
    name = "schedules"
    verbose_name = "Schedules"

    def ready(self) -> None:
        from courses.signals import course_changed
        from schedules.recommendations.receivers import course_changed_refresh

        course_changed.connect(course_changed_refresh, dispatch_uid="recommendation-refresh")
