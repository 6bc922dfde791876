"""The documents BlendPlan's advice comes from, as a teacher would cite them.

Rules, checks and defaults name their source in a short form ("seed 003", "seeds 000, 001",
"RFC 5545 (IETF, 2009)"); that form stays in the rules and in every stored finding. This
module turns it into citations a person recognises (author or publisher, title, year) for the
pages, and lists the documents for the Sources page. Plain Python: what each document says
about itself is copied here, so the product never reads the documents at run time.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Citation:
    """One document: who wrote or published it, its title, when, and what it is about.

    ``short`` is how a page cites it inline, author and year as in a narrative citation
    ("Upscend Team (2026)"), so that it reads in a sentence ("as Upscend Team (2026)
    suggests") and in brackets alike; ``title`` is in the
    document's own words, or a description in square brackets where it gives none.
    """

    key: str  # "seed 000", "RFC 5545": the anchor of its entry on the Sources page
    author: str
    title: str
    year: int | None
    date: str  # as precise as the document says ("2 February 2026", "2022", "")
    summary: str
    short: str
    url: str = ""

    @property
    def anchor(self) -> str:
        """Return the id of the document's entry on the Sources page ("seed-000")."""
        return re.sub(r"[^a-z0-9]+", "-", self.key.lower()).strip("-")

    @property
    def full(self) -> str:
        """Return the whole reference: "Upscend Team, [title], 2 February 2026"."""
        when = self.date or "undated"
        return f"{self.author}, {self.title}, {when}"


# The five source documents (seeds), in their files' order, then the standards cited.
SEEDS: dict[str, Citation] = {
    "000": Citation(
        key="seed 000",
        author="Upscend Team (Business Strategy & LMS Tech)",
        title="[Synchronous vs asynchronous learning: designing a blended schedule]",
        year=2026,
        date="2 February 2026",
        summary=(
            "Compares live and self-paced learning, gives checklists for STEM, humanities and "
            "vocational courses, three sample weeks and the decision matrix behind the "
            "recommended split; pilot for two weeks, then iterate."
        ),
        short="Upscend Team (2026)",
    ),
    "001": Citation(
        key="seed 001",
        author="An EdTech guide (no author named)",
        title=(
            "“Strategies for Balancing Synchronous and Asynchronous Learning to Maximize "
            "Flexibility and Academic Rigor”"
        ),
        year=2025,
        date="10 August 2025",
        summary=(
            "Weekly rhythms that give each mode a role, flexible pacing informed by data, "
            "accessible and low-bandwidth alternatives, and assessment integrity in both."
        ),
        short="EdTech guide (2025)",
    ),
    "002": Citation(
        key="seed 002",
        author="UMass Amherst Center for Teaching and Learning (Keep Teaching)",
        title="“How Do I Balance Synchronous and Asynchronous Learning?”",
        year=None,
        date="",
        summary=(
            "The advantages of each mode and what to weigh: where students are and their "
            "time zones, their devices and access, and alternatives for those who cannot "
            "attend live."
        ),
        short="UMass Amherst CTL",
    ),
    "003": Citation(
        key="seed 003",
        author="A course creators' guide (no author named)",
        title=(
            "“Synchronous vs Asynchronous learning: What are the implications of each type "
            "of learning for planning and designing your course?”"
        ),
        year=None,
        date="",
        summary=(
            "Gagné's nine events and Bloom's levels mapped to live and self-paced time; "
            "whether a session really had to be a meeting; a second facilitator past 15–20 "
            "learners; self-paced work needs a time."
        ),
        short="Course creators' guide",
    ),
    "004": Citation(
        key="seed 004",
        author="An eLearning blog post (no author named)",
        title="“Balancing The Synchronous And Asynchronous Content In eLearning”",
        year=2022,
        date="2022",
        summary=(
            "Which content to teach live and which self-paced in workplace eLearning; "
            "self-paced material prepares each live session; simulations and varied formats."
        ),
        short="eLearning blog (2022)",
    ),
}

STANDARDS: dict[str, Citation] = {
    "RFC 5545": Citation(
        key="RFC 5545",
        author="IETF",
        title="“Internet Calendaring and Scheduling Core Object Specification (iCalendar)”",
        year=2009,
        date="September 2009",
        summary="How calendars write dates and times, including local times that a "
        "daylight-saving change skips or repeats.",
        short="RFC 5545 (IETF, 2009)",
        url="https://www.rfc-editor.org/rfc/rfc5545",
    ),
}

# "seed 003", "seeds 000, 003", "seeds 000 and 001", "seeds 001–003"; "RFC 5545 (IETF, 2009)".
_SEEDS = re.compile(r"\b[Ss]eeds? (?P<numbers>\d{3}(?:(?:, and |, | and |\s?[–-]\s?)\d{3})*)")
_STANDARD = re.compile(r"RFC 5545(?: \(IETF, 2009\))?")


@dataclass(frozen=True, slots=True)
class SourcePart:
    """A piece of a source as shown: plain text, or a citation (``text`` is then its label)."""

    text: str
    citation: Citation | None = None


def _seed_numbers(numbers: str) -> list[str]:
    """Return the seeds a list names, a range ("001–003") spelled out."""
    found: list[str] = []
    for part in re.split(r", and |, | and ", numbers):
        ends = re.split(r"\s?[–-]\s?", part)
        if len(ends) == 2:
            found += [f"{n:03d}" for n in range(int(ends[0]), int(ends[1]) + 1)]
        else:
            found.append(part)
    return found


def cite_source(source: str) -> list[SourcePart]:
    """Return ``source`` as pieces: each seed or standard it names as a citation, the rest as
    text. A seed number with no document (or text naming none) is left as written."""
    parts: list[SourcePart] = []
    position = 0
    matches = sorted(
        [*_SEEDS.finditer(source), *_STANDARD.finditer(source)], key=lambda m: m.start()
    )
    for match in matches:
        if match.start() < position:
            continue
        if match.re is _SEEDS:
            numbers = _seed_numbers(match.group("numbers"))
            if not all(number in SEEDS for number in numbers):
                continue
            cited = [SEEDS[number] for number in numbers]
        else:
            cited = [STANDARDS["RFC 5545"]]
        if match.start() > position:
            parts.append(SourcePart(source[position : match.start()]))
        for index, citation in enumerate(cited):
            if index:
                parts.append(SourcePart("; "))
            parts.append(SourcePart(citation.short, citation))
        position = match.end()
    if position < len(source):
        parts.append(SourcePart(source[position:]))
    return parts


def cite_text(source: str) -> str:
    """Return ``source`` with its seeds named as citations, as plain text (for a title
    attribute or a link's hidden words, where a link cannot go)."""
    return "".join(part.text for part in cite_source(source))


def all_sources() -> list[Citation]:
    """Return every document cited: the five seeds in order, then the standards."""
    return [*SEEDS.values(), *STANDARDS.values()]
