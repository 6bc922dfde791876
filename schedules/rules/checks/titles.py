"""What each blend check is called where a page names it (a tag on a block, a dismissed
finding), instead of its stable id.

Display only: the ids stay in findings, dismissals and exports. A check added without a
title here is named from its id ("no-low-bandwidth-alternative" → "No low-bandwidth
alternative") rather than shown raw.
"""

CHECK_TITLES = {
    "self-paced-without-due-day": "No due day",
    "live-outside-waking-hours": "Outside waking hours",
    "live-time-clock-change": "Clock change",
    "before-the-start": "Before the course starts",
    "weekly-hours-off-target": "Weekly hours off target",
    "live-beyond-capacity": "More live time than you have",
    "split-drift": "Split off the recommendation",
    "passive-live-time": "Passive live time",
    "live-without-preparation": "No preparation before it",
    "large-live-group": "Large live group",
    "accessibility-need-unmet": "Declared need not met",
    "missing-captions": "No captions or transcript",
    "no-low-bandwidth-alternative": "No low-bandwidth alternative",
    "graded-live-without-alternative": "Graded live, no alternative",
    "outcome-not-served": "Outcome not served",
    "skill-without-practice": "Skill without practice",
    "monotony": "Same activity everywhere",
    "repetitive-weeks": "Repetitive weeks",
    "multi-document-on-mobile": "Hard on phones",
}

# Words a check's id spells without their hyphen or capital.
_WORDS = {"low-bandwidth": "low-bandwidth", "co-facilitator": "co-facilitator"}


def check_title(check: str) -> str:
    """Return the title of check ``check`` (its id, made readable, when it has none)."""
    if check in CHECK_TITLES:
        return CHECK_TITLES[check]
    text = check.replace("-", " ")
    for spelled in _WORDS.values():
        text = text.replace(spelled.replace("-", " "), spelled)
    return text[:1].upper() + text[1:]
