"""The .imscc: a zip whose manifest parses, names its namespace early, and has a module a week."""

import io
import zipfile
from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse

from schedules.exports.cartridge import CP_NS
from schedules.reviews.services import schedule_submit
from tests.factories import ActivityBlockFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db

NS = {"cp": CP_NS}


@pytest.fixture
def archive(client):
    course = CourseFactory(title="Statics & <Dynamics>", weeks=4)
    ActivityBlockFactory(schedule=course.schedule, title="Reading")
    ActivityBlockFactory(schedule=course.schedule, live=True, title="Seminar", weeks=[1, 3])
    schedule_submit(course=course, by=course.owner)
    client.force_login(course.owner)
    response = client.get(reverse("schedules:export_imscc", args=[course.schedule.pk]))
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_manifest_declares_the_cc_1_1_namespace_in_its_first_500_bytes(archive):
    head = archive.read("imsmanifest.xml")[:500].decode()
    assert CP_NS in head


def test_one_module_per_week_with_the_blocks_that_run_in_it(archive):
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    modules = manifest.findall("cp:organizations/cp:organization/cp:item/cp:item", NS)
    assert [m.findtext("cp:title", namespaces=NS) for m in modules] == [
        f"Week {n}" for n in (1, 2, 3, 4)
    ]
    titles = [
        [i.findtext("cp:title", namespaces=NS) for i in m.findall("cp:item", NS)] for m in modules
    ]
    assert titles == [["Reading", "Seminar"], ["Reading"], ["Reading", "Seminar"], ["Reading"]]


def test_every_item_has_its_page_in_the_archive_with_text_escaped(archive):
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    hrefs = [r.get("href") for r in manifest.findall("cp:resources/cp:resource", NS)]
    assert len(hrefs) == 6
    page = archive.read(hrefs[0]).decode()
    assert "Statics &amp; &lt;Dynamics&gt;" in page
    assert "minutes" in page


def test_other_instructors_cannot_download_it(client):
    course = CourseFactory()
    ActivityBlockFactory(schedule=course.schedule)
    schedule_submit(course=course, by=course.owner)
    client.force_login(UserFactory(instructor=True))
    response = client.get(reverse("schedules:export_imscc", args=[course.schedule.pk]))
    assert response.status_code == 404


def test_the_same_version_always_gives_the_same_bytes(monkeypatch):
    import time

    from schedules.exports.cartridge import cartridge

    course = CourseFactory()
    ActivityBlockFactory(schedule=course.schedule, title="Reading")
    snapshot = schedule_submit(course=course, by=course.owner).snapshot
    first = cartridge(snapshot, identifier="v1")
    later = time.time() + 3600  # an hour later, say
    monkeypatch.setattr(time, "time", lambda: later)

    assert cartridge(snapshot, identifier="v1") == first
