"""A submitted version as an IMS Common Cartridge 1.1 (.imscc) for Canvas and Moodle.

One module per week, one item per block running that week: a short HTML page with the
activity, its duration, modality, day and due day. The manifest's namespace is declared
on its root element, inside the first 500 bytes, which Moodle's importer looks for.
"""

import io
import zipfile
from typing import Any
from xml.etree import ElementTree as ET

from django.template.loader import render_to_string

from schedules.rules.choices import ActivityType, Modality, Weekday

CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOM_NS = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"


def _page(course: dict[str, Any], block: dict[str, Any], week: int) -> str:
    """Return the HTML page of one block in one week (``exports/cartridge_page.html``)."""
    due = block["due_day"]
    return render_to_string(
        "schedules/exports/cartridge_page.html",
        {
            "course": course,
            "block": block,
            "week": week,
            "activity_type": ActivityType(block["activity_type"]).label,
            "modality": Modality(block["modality"]).label,
            "day": Weekday(block["day"]).label,
            "due_day": Weekday(due).label if due is not None else "",
        },
    )


def cartridge(snapshot: dict[str, Any], *, identifier: str) -> bytes:
    """Return the .imscc (a zip) of a version's blocks, a module per week."""
    ET.register_namespace("", CP_NS)
    ET.register_namespace("lomimscc", LOM_NS)
    course = snapshot["course"]
    manifest = ET.Element(f"{{{CP_NS}}}manifest", {"identifier": identifier})
    metadata = ET.SubElement(manifest, f"{{{CP_NS}}}metadata")
    ET.SubElement(metadata, f"{{{CP_NS}}}schema").text = "IMS Common Cartridge"
    ET.SubElement(metadata, f"{{{CP_NS}}}schemaversion").text = "1.1.0"
    lom = ET.SubElement(metadata, f"{{{LOM_NS}}}lom")
    general = ET.SubElement(lom, f"{{{LOM_NS}}}general")
    title = ET.SubElement(general, f"{{{LOM_NS}}}title")
    ET.SubElement(title, f"{{{LOM_NS}}}string").text = course["title"]
    organizations = ET.SubElement(manifest, f"{{{CP_NS}}}organizations")
    organization = ET.SubElement(
        organizations,
        f"{{{CP_NS}}}organization",
        {"identifier": "org", "structure": "rootcollection"},
    )
    root = ET.SubElement(organization, f"{{{CP_NS}}}item", {"identifier": "root"})
    resources = ET.SubElement(manifest, f"{{{CP_NS}}}resources")
    files: dict[str, str] = {}
    ordered = sorted(snapshot["blocks"], key=lambda b: (b["day"], b["start_time"] or ""))
    for week in range(1, course["weeks"] + 1):
        module = ET.SubElement(root, f"{{{CP_NS}}}item", {"identifier": f"week_{week}"})
        ET.SubElement(module, f"{{{CP_NS}}}title").text = f"Week {week}"
        for block in ordered:
            if block["weeks"] and week not in block["weeks"]:
                continue
            name = f"res_w{week}_b{block['id']}"
            href = f"week{week:02d}/block{block['id']}.html"
            item = ET.SubElement(
                module,
                f"{{{CP_NS}}}item",
                {"identifier": f"item_w{week}_b{block['id']}", "identifierref": name},
            )
            ET.SubElement(item, f"{{{CP_NS}}}title").text = block["title"]
            resource = ET.SubElement(
                resources,
                f"{{{CP_NS}}}resource",
                {"identifier": name, "type": "webcontent", "href": href},
            )
            ET.SubElement(resource, f"{{{CP_NS}}}file", {"href": href})
            files[href] = _page(course, block, week)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        xml = ET.tostring(manifest, encoding="unicode")
        archive.writestr(
            _entry("imsmanifest.xml"), '<?xml version="1.0" encoding="UTF-8"?>\n' + xml
        )
        for href, page in files.items():
            archive.writestr(_entry(href), page)
    return buffer.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    """Return a zip entry dated at the zip epoch: the same version always gives the same
    bytes (a download, again or through the API, is identical), not ones stamped "now"."""
    entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry
