"""The vocabulary of a blend: modalities, activity types, delivery, Gagné's events, weekdays.

Values are stable identifiers used in the database, in JSON (exports, snapshots) and by the
rules engine; labels are what people read. The activity types are those named in seed 000's
sample weeks and discipline guidance; Gagné's nine events come from seed 003. The course's own
vocabulary (disciplines, Bloom levels, learners) is ``courses.choices``.
"""

from django.db import models


class Modality(models.TextChoices):
    LIVE = "live", "Live (synchronous)"
    SELF_PACED = "self_paced", "Self-paced (asynchronous)"


class ActivityType(models.TextChoices):
    """Activity types named in the seeds' sample weeks and discipline guidance."""

    LIVE_SEMINAR = "live_seminar", "Live seminar"
    LIVE_LAB = "live_lab", "Live lab or workshop"
    LIVE_APPLICATION = "live_application", "Live application session"
    LIVE_CLINIC = "live_clinic", "Live clinic"
    CHECK_IN = "check_in", "Check-in and breakout coaching"
    CO_WORKING = "co_working", "Co-working session"
    LIVE_LECTURE = "live_lecture", "Live lecture"
    LIVE_ASSESSMENT = "live_assessment", "Live assessment"
    RECORDED_LECTURE = "recorded_lecture", "Recorded lecture"
    MICRO_LESSON = "micro_lesson", "Micro-lesson"
    READING = "reading", "Reading"
    QUIZ = "quiz", "Quiz or auto-graded problem set"
    EXERCISE = "exercise", "Exercises"
    DISCUSSION_FORUM = "discussion_forum", "Discussion forum"
    PEER_REVIEW = "peer_review", "Peer review"
    PROJECT = "project", "Project"
    SIMULATION = "simulation", "Simulation"
    REFLECTION_JOURNAL = "reflection_journal", "Reflection journal"
    OTHER = "other", "Other"


class Delivery(models.TextChoices):
    INTERACTIVE = "interactive", "Interactive"
    PRESENTATIONAL = "presentational", "Presentational"


class GagneEvent(models.IntegerChoices):
    """Gagné's nine events of instruction, in order (seed 003)."""

    GAIN_ATTENTION = 1, "1. Gain attention"
    STATE_OBJECTIVES = 2, "2. Inform learners of objectives"
    RECALL_PRIOR = 3, "3. Stimulate recall of prior learning"
    PRESENT_CONTENT = 4, "4. Present the content"
    GUIDE_LEARNING = 5, "5. Provide learning guidance"
    ELICIT_PERFORMANCE = 6, "6. Elicit performance (practice)"
    FEEDBACK = 7, "7. Provide feedback"
    ASSESS_PERFORMANCE = 8, "8. Assess performance"
    RETENTION_TRANSFER = 9, "9. Enhance retention and transfer"


class Weekday(models.IntegerChoices):
    """The days of the week, Monday first: their names are written here and nowhere else."""

    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"

    @property
    def short_label(self) -> str:
        """Return the day's name in three letters ("Mon"), for column headings."""
        return str(self.label)[:3]
