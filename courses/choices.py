"""The vocabulary of BlendPlan: every fixed list of choices, with human labels.

Values are stable identifiers used in the database, in JSON (rule sets, exports, the
``recommend`` command) and by the rules engine; labels are what people read. The lists
come from the team's domain notes, which distil the seed articles (seed 000 for the
decision matrix and disciplines, seed 003 for Bloom and Gagné).
"""

from django.db import models


class Discipline(models.TextChoices):
    STEM = "stem", "STEM"
    HUMANITIES = "humanities", "Humanities"
    VOCATIONAL = "vocational", "Vocational"
    BUSINESS = "business", "Business"
    OTHER = "other", "Other"


class CourseContext(models.TextChoices):
    UNIVERSITY = "university", "University"
    CORPORATE = "corporate", "Corporate training"
    OPEN = "open", "Open / self-directed"


class BloomLevel(models.TextChoices):
    """Bloom's revised taxonomy, lowest to highest (seed 003)."""

    REMEMBER = "remember", "Remember"
    UNDERSTAND = "understand", "Understand"
    APPLY = "apply", "Apply"
    ANALYZE = "analyze", "Analyse"
    EVALUATE = "evaluate", "Evaluate"
    CREATE = "create", "Create"


class ObjectiveKind(models.TextChoices):
    """The 'priority' column of the decision matrix (seed 000)."""

    INTERACTIVE_SKILL_MASTERY = "interactive_skill_mastery", "Interactive skill mastery"
    KNOWLEDGE_ACQUISITION = "knowledge_acquisition", "Knowledge acquisition"
    MIXED = "mixed", "Mixed objectives"


class LearnerProfileKind(models.TextChoices):
    """The 'learner profile' column of the decision matrix (seed 000)."""

    FULL_TIME_LOCAL = "full_time_local", "Full-time, local"
    DISTRIBUTED_PROFESSIONALS = "distributed_professionals", "Distributed working professionals"
    HYBRID = "hybrid", "Hybrid cohort"


class Bandwidth(models.TextChoices):
    RELIABLE = "reliable", "Reliable"
    VARIABLE = "variable", "Variable"
    LOW = "low", "Low"


class Device(models.TextChoices):
    DESKTOP = "desktop", "Desktop"
    LAPTOP = "laptop", "Laptop"
    TABLET = "tablet", "Tablet"
    PHONE = "phone", "Phone"


class AccessibilityNeed(models.TextChoices):
    CAPTIONS = "captions", "Captions"
    TRANSCRIPTS = "transcripts", "Transcripts"
    SCREEN_READER = "screen_reader", "Screen reader"


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
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
