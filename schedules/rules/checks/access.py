"""Checks of access: the needs learners declared (captions, transcripts, screen readers),
their bandwidth and their devices, segment by segment (seeds 000, 001, 002).

A segment's own bandwidth, devices and needs count even when the cohort as a whole is
described otherwise: ten learners on low bandwidth in a cohort marked reliable still cannot
stream a lab.
"""

from courses.choices import AccessibilityNeed, Bandwidth
from schedules.rules.checks.facts import BlendFacts, BlockFacts, LearnerGroup
from schedules.rules.checks.findings import Finding, Severity
from schedules.rules.checks.wording import finding, quoted, when
from schedules.rules.choices import ActivityType

VIDEO_TYPES = {ActivityType.RECORDED_LECTURE, ActivityType.MICRO_LESSON}
# Live work that asks for several documents at once (seed 002's example is breakout rooms on
# a collaborative document while drawing from the readings).
MULTI_DOCUMENT_TYPES = {ActivityType.LIVE_LAB, ActivityType.CO_WORKING}
# Breakouts that are conversation rather than documents: coaching and a clinic's questions.
TALKING_BREAKOUTS = {ActivityType.CHECK_IN, ActivityType.LIVE_CLINIC}


def _is_video(block: BlockFacts) -> bool:
    return block.recorded or block.activity_type in VIDEO_TYPES


def _who(facts: BlendFacts, groups: list[LearnerGroup], *, cohort: bool) -> str:
    """Return who declared or has something: the whole cohort, or the groups by name."""
    if cohort or not groups:
        return f"the cohort ({facts.cohort_size} learners)"
    heads = sum(group.head_count for group in groups)
    total = sum(group.head_count for group in facts.groups) or facts.cohort_size
    if heads >= total:
        return f"all {total} learners"
    names = ", ".join(group.name for group in groups)
    return f"{heads} of {total} learners ({names})"


def _needs(facts: BlendFacts, need: AccessibilityNeed) -> str | None:
    """Return who declared ``need`` (None: nobody)."""
    groups = [group for group in facts.groups if need in group.needs]
    cohort = need in facts.accessibility_needs
    return _who(facts, groups, cohort=cohort) if cohort or groups else None


def _unmet(block: BlockFacts, need: AccessibilityNeed) -> str | None:
    """Return what ``block`` lacks for learners with ``need`` (None: nothing)."""
    if need == AccessibilityNeed.CAPTIONS:
        if (block.is_live or _is_video(block)) and not block.captions:
            return "captions"
    elif _is_video(block) and not block.transcript:
        return "transcript"
    return None


def accessibility_need_unmet(facts: BlendFacts) -> list[Finding]:
    """Blocks without what learners declared they need: captions on live sessions and video,
    a transcript of video for those who need transcripts or use a screen reader (seeds 000,
    001: "Synchronous sessions should provide captions, transcripts")."""
    declared = {need: who for need in AccessibilityNeed if (who := _needs(facts, need))}
    found = []
    for block in facts.blocks:
        lacks: dict[str, list[str]] = {}
        for need, who in declared.items():
            if (what := _unmet(block, need)) is not None:
                lacks.setdefault(what, []).append(f"{who} declared {need.label.lower()}")
        if not lacks:
            continue
        fixes = []
        if "captions" in lacks:
            fixes.append(
                f"Turn on live captions in {quoted(block)} (and keep them on its recording)."
            )
        if "transcript" in lacks:
            reader = AccessibilityNeed.SCREEN_READER in declared
            fixes.append(
                f"Add a transcript to the {'recording' if block.is_live else 'video'} of "
                f"{quoted(block)}" + (", which a screen reader can read." if reader else ".")
            )
        found.append(
            finding(
                "accessibility-need-unmet",
                Severity.PROBLEM,
                block,
                f"{quoted(block)} ({when(block)}) has no {' and no '.join(lacks)}, and "
                f"{'; '.join(w for whom in lacks.values() for w in whom)} as a need.",
                " ".join(fixes),
                "seeds 000, 001",
            )
        )
    return found


def missing_captions(facts: BlendFacts) -> list[Finding]:
    """Recorded or video material without captions or a transcript (seeds 000, 001).

    Where learners declared they need captions, ``accessibility_need_unmet`` says so, as a
    problem; this is the general advice for everyone else.
    """
    if _needs(facts, AccessibilityNeed.CAPTIONS):
        return []
    return [
        finding(
            "missing-captions",
            Severity.WARNING,
            block,
            f"{quoted(block)} ({when(block)}) is recorded but has no captions or transcript.",
            f"Add captions (or at least a transcript) to {quoted(block)}'s recording.",
            "seeds 000, 001",
        )
        for block in facts.blocks
        if _is_video(block) and not (block.captions or block.transcript)
    ]


def _has_light_alternative(block: BlockFacts) -> bool:
    """Whether a learner on a poor connection can follow ``block`` without streaming video:
    a low-bandwidth alternative, or a transcript (seed 000 names "text transcripts" as one)
    of the video or of the live session's recording."""
    if block.low_bandwidth_alternative:
        return True
    if block.is_live:
        return block.recorded and block.transcript
    return block.transcript


def _poorly_connected(facts: BlendFacts) -> tuple[list[LearnerGroup], Bandwidth] | None:
    """Return the groups whose bandwidth is not reliable and the worst of it (None: none)."""
    if facts.groups:
        groups = [g for g in facts.groups if g.bandwidth != Bandwidth.RELIABLE and g.head_count]
    elif facts.bandwidth != Bandwidth.RELIABLE:
        groups = [LearnerGroup("the cohort", facts.cohort_size, facts.bandwidth)]
    else:
        return None
    if not groups:
        return None
    worst = (
        Bandwidth.LOW if any(g.bandwidth == Bandwidth.LOW for g in groups) else groups[0].bandwidth
    )
    return groups, worst


def no_low_bandwidth_alternative(facts: BlendFacts) -> list[Finding]:
    """Video or live work with no light alternative where some learners' bandwidth is
    variable or low, segment by segment (seeds 000, 001)."""
    poor = _poorly_connected(facts)
    if poor is None:
        return []
    groups, worst = poor
    who = _who(facts, groups, cohort=not facts.groups)
    return [
        finding(
            "no-low-bandwidth-alternative",
            Severity.WARNING,
            block,
            f"{quoted(block)} ({when(block)}) needs video, and {who} "
            f"{'has' if who.startswith('the cohort') else 'have'} {worst.label.lower()} "
            "bandwidth; it has no low-bandwidth alternative.",
            f"Give {quoted(block)} a low-bandwidth alternative (audio only, the slides, or a "
            "transcript of its recording) and tick it on the block.",
            "seeds 000, 001",
        )
        for block in facts.blocks
        if (block.is_live or _is_video(block)) and not _has_light_alternative(block)
    ]


def _multi_document(block: BlockFacts) -> bool:
    if not block.is_live:
        return False
    if block.activity_type in MULTI_DOCUMENT_TYPES:
        return True
    return block.breakouts and block.activity_type not in TALKING_BREAKOUTS


def multi_document_on_mobile(facts: BlendFacts) -> list[Finding]:
    """Collaborative multi-document live work, labs and breakout work, for a cohort mostly on
    phones or tablets (seed 002)."""
    if facts.mobile_share < facts.thresholds.mobile_share:
        return []
    return [
        finding(
            "multi-document-on-mobile",
            Severity.WARNING,
            block,
            f"{quoted(block)} ({when(block)}) asks for work across several documents live"
            f"{' in breakout groups' if block.breakouts else ''}, and "
            f"{facts.mobile_share:.0%} of learners have only a phone or tablet.",
            f"In {quoted(block)}, use a single shared document or a mobile-friendly tool, or "
            "make the document work self-paced and keep the live time for talking it through.",
            "seed 002",
        )
        for block in facts.blocks
        if _multi_document(block)
    ]
