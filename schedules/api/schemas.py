"""What the API answers, as pydantic schemas (and so in its OpenAPI description).

One version's document is ``schedules.exports.documents.ScheduleExport``, the JSON download's model.
"""

from datetime import datetime

from ninja import Schema
from pydantic import Field

from courses.choices import Discipline
from schedules.models import ReviewStatus


class CourseSummary(Schema):
    id: int
    title: str
    code: str
    discipline: Discipline


class Person(Schema):
    username: str
    name: str = Field(description="Full name; empty when the account has none.")


class ScheduleLinks(Schema):
    review: str = Field(description="The review page in the web app.")
    version: str | None = Field(
        description="This API's document of the latest version (null until submitted)."
    )
    exports: dict[str, str] = Field(
        description="Downloads of the latest version by format (csv, xlsx, json, ics, imscc); "
        "empty until the schedule is submitted."
    )


class ScheduleItem(Schema):
    id: int = Field(description="The schedule's id, used in every other URL of the API.")
    course: CourseSummary
    owner: Person
    status: ReviewStatus
    latest_version: int | None = Field(description="Null until the schedule is submitted.")
    submitted_at: datetime | None = Field(description="When the latest version was submitted.")
    updated_at: datetime = Field(description="When the schedule itself last changed.")
    live_percent: int | None = Field(description="The latest version's live share (%).")
    recommended_live_share: int | None = Field(
        description="The recommended live share (%) the latest version was judged against."
    )
    problems: int | None = Field(
        description="Problems the blend checks found in the latest version, not dismissed."
    )
    links: ScheduleLinks


class Message(Schema):
    detail: str = Field(description="What went wrong, as a sentence.")


class ParameterProblem(Schema):
    parameter: str
    message: str


class InvalidParameters(Schema):
    detail: str = Field(description="Every problem, as sentences.")
    errors: list[ParameterProblem]
