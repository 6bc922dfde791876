"""Writes to schedules: keyword-only functions that validate and run in a transaction."""

from django.db import transaction
from django.db.models import F

from schedules.models import ActivityBlock, Schedule
from schedules.sample_weeks import SampleWeek, scaled_blocks


@transaction.atomic
def blocks_add_from_sample_week(*, schedule: Schedule, week: SampleWeek) -> list[ActivityBlock]:
    """Add ``week``'s blocks, scaled to the course's weekly hours, running every week.

    Returns the new blocks. Existing blocks are kept: deciding whether to replace them is
    the caller's (the editor asks the instructor first).
    """
    course = schedule.course
    start = schedule.blocks.count()
    created = []
    for offset, template in enumerate(scaled_blocks(week, course.weekly_hours)):
        block = ActivityBlock(
            schedule=schedule,
            title=template.title,
            modality=template.modality,
            activity_type=template.activity_type,
            day=template.day,
            start_time=template.start_time,
            duration_minutes=template.minutes,
            due_day=template.due_day,
            delivery=template.delivery,
            gagne_events=[int(event) for event in template.gagne_events],
            recorded=template.recorded,
            captions=template.captions,
            transcript=template.transcript,
            breakouts=template.breakouts,
            position=start + offset,
        )
        block.full_clean()
        block.save()
        created.append(block)
    Schedule.objects.filter(pk=schedule.pk).update(lock_version=F("lock_version") + 1)
    return created
