"""A submitted version as an IMS Common Cartridge 1.1 (.imscc) for Moodle and Canvas.

The organization has a "Course overview" module (the recommendation and the weekly plan),
then one module per week with one item per block running that week. Every item is a
``webcontent`` resource whose one file is an HTML page under ``wiki_content/``: Moodle's
CC 1.1 converter turns a webcontent resource whose href ends in ``.html`` into a Page
(``mod_page``) holding the file's HTML, not a File. See docs/exports.md for what Moodle
and Canvas do with it.

The manifest validates against the IMS CC 1.1 schema (``cc11libxml2validator.xsd``), which
Moodle checks with libxml2 before importing; its namespace is declared on the root
element, inside the first 500 bytes, where Moodle's format detection looks for it.
Dates, due days and each live session's preparation come from ``week_plan.py``, which the
learners' page reads too, so the two agree.
"""

import io
import re
import zipfile
from typing import Any
from xml.etree import ElementTree as ET

from django.template.loader import render_to_string

from schedules.exports.week_plan import Plan, Session, clean, long_date, week_plan
from schedules.rules.choices import ActivityType, Modality, Weekday

CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOM_NS = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
# Where Canvas's own cartridges keep their pages; Moodle only looks at the ".html".
PAGES_FOLDER = "wiki_content"
OVERVIEW_TITLE = "Course overview and weekly plan"

_NOT_NCNAME = re.compile(r"[^A-Za-z0-9._-]")


def _ncname(text: str) -> str:
    """Return ``text`` as a valid xsd:ID (an NCName): a letter or "_" first, then letters,
    digits, ".", "-" or "_"."""
    name = _NOT_NCNAME.sub("_", text)
    return name if name[:1].isalpha() or name[:1] == "_" else f"_{name}"


def _identifier(session: Session) -> str:
    return f"w{session.week}_b{session.block['id']}"


def _href(session: Session) -> str:
    return f"{PAGES_FOLDER}/week-{session.week:02d}-block-{session.block['id']}.html"


def _row(plan: Plan, session: Session) -> dict[str, Any]:
    """Return what the pages show of one session."""
    block = session.block
    return {
        "title": clean(block["title"]),
        "week": session.week,
        "when": plan.when(session),
        "day": Weekday(block["day"]).label,
        "date": long_date(session.on) if session.on else "",
        "time": f"{session.start:%H:%M}" if session.start else "",
        "modality": Modality(block["modality"]).label,
        "activity_type": ActivityType(block["activity_type"]).label,
        "minutes": block["duration_minutes"],
        "due": plan.due(session),
        "clock_note": plan.clock_note(session),
    }


def _course_context(plan: Plan) -> dict[str, Any]:
    course = plan.course
    return {
        "title": clean(course["title"]),
        "code": clean(course.get("code") or ""),
        "weeks": course["weeks"],
        "zone": plan.zone,
        "start": long_date(plan.dates.start) if plan.dates else "",
    }


def _block_page(plan: Plan, session: Session) -> str:
    """Return the HTML page of one block in one week (``exports/cartridge_page.html``)."""
    return render_to_string(
        "schedules/exports/cartridge_page.html",
        {
            "course": _course_context(plan),
            "session": _row(plan, session),
            "outcomes": plan.outcomes(session),
            "preparation": plan.preparation(session),
            "live": session.live,
        },
    )


def _overview_page(plan: Plan, snapshot: dict[str, Any]) -> str:
    """Return the course overview: the recommendation as the snapshot holds it and a table
    of blocks per week (``exports/cartridge_overview.html``)."""
    recommendation = snapshot.get("recommendation") or {}
    return render_to_string(
        "schedules/exports/cartridge_overview.html",
        {
            "title": OVERVIEW_TITLE,
            "course": _course_context(plan),
            "recommended": snapshot.get("recommended_live_share"),
            "live_percent": snapshot.get("live_percent"),
            "reasons": [clean(reason) for reason in recommendation.get("reasons") or []],
            "confidence": clean((recommendation.get("confidence") or {}).get("sentence") or ""),
            "weeks": [
                {
                    "number": week,
                    "monday": long_date(plan.dates.date_of(week, 0)) if plan.dates else "",
                    "rows": [_row(plan, session) for session in sessions],
                }
                for week, sessions in plan.weeks.items()
            ],
        },
    )


class _Manifest:
    """The imsmanifest.xml being built, and the files its resources name."""

    def __init__(self, identifier: str, title: str) -> None:
        ET.register_namespace("", CP_NS)
        ET.register_namespace("lomimscc", LOM_NS)
        self.root = ET.Element(self._cp("manifest"), {"identifier": _ncname(identifier)})
        metadata = ET.SubElement(self.root, self._cp("metadata"))
        ET.SubElement(metadata, self._cp("schema")).text = "IMS Common Cartridge"
        ET.SubElement(metadata, self._cp("schemaversion")).text = "1.1.0"
        lom = ET.SubElement(metadata, f"{{{LOM_NS}}}lom")
        general = ET.SubElement(lom, f"{{{LOM_NS}}}general")
        lom_title = ET.SubElement(general, f"{{{LOM_NS}}}title")
        ET.SubElement(lom_title, f"{{{LOM_NS}}}string").text = title
        organizations = ET.SubElement(self.root, self._cp("organizations"))
        organization = ET.SubElement(
            organizations,
            self._cp("organization"),
            # CC 1.1 fixes the structure to "rooted-hierarchy" (Moodle refuses the rest).
            {"identifier": "org", "structure": "rooted-hierarchy"},
        )
        self.top = ET.SubElement(organization, self._cp("item"), {"identifier": "root"})
        self.resources = ET.SubElement(self.root, self._cp("resources"))
        self.files: dict[str, str] = {}

    @staticmethod
    def _cp(name: str) -> str:
        return f"{{{CP_NS}}}{name}"

    def module(self, identifier: str, title: str) -> ET.Element:
        """Add a module (a Moodle section, a Canvas module): an item with no resource."""
        module = ET.SubElement(self.top, self._cp("item"), {"identifier": identifier})
        ET.SubElement(module, self._cp("title")).text = title
        return module

    def page(self, module: ET.Element, identifier: str, title: str, href: str, html: str) -> None:
        """Add an item in ``module`` showing a webcontent resource of one HTML file."""
        resource = f"res_{identifier}"
        item = ET.SubElement(
            module,
            self._cp("item"),
            {"identifier": f"item_{identifier}", "identifierref": resource},
        )
        ET.SubElement(item, self._cp("title")).text = title
        element = ET.SubElement(
            self.resources,
            self._cp("resource"),
            {"identifier": resource, "type": "webcontent", "href": href},
        )
        ET.SubElement(element, self._cp("file"), {"href": href})
        self.files[href] = html

    def xml(self) -> str:
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(
            self.root, encoding="unicode"
        )


def cartridge(snapshot: dict[str, Any], *, identifier: str) -> bytes:
    """Return the .imscc (a zip) of a version: an overview module, then a module per week."""
    plan = week_plan(snapshot)
    manifest = _Manifest(identifier, clean(snapshot["course"]["title"]))
    overview = manifest.module("module_overview", "Course overview")
    manifest.page(
        overview,
        "overview",
        OVERVIEW_TITLE,
        f"{PAGES_FOLDER}/course-overview.html",
        _overview_page(plan, snapshot),
    )
    for week, sessions in plan.weeks.items():
        module = manifest.module(f"module_week_{week}", f"Week {week}")
        for session in sessions:
            manifest.page(
                module,
                _identifier(session),
                clean(session.block["title"]),
                _href(session),
                _block_page(plan, session),
            )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_entry("imsmanifest.xml"), manifest.xml())
        for href, page in manifest.files.items():
            archive.writestr(_entry(href), page)
    return buffer.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    """Return a zip entry dated at the zip epoch: the same version always gives the same
    bytes (a download, again or through the API, is identical), not ones stamped "now"."""
    entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry
