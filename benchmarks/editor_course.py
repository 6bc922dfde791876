"""The 300-block week plan the editor benchmark and the load benchmark both work on: 15
weeks of 20 blocks, the first four of each week live at distinct hours (none overlaps
another), the rest self-paced readings. Call after Django is set up."""

from typing import Any

WEEKS = 15
BLOCKS_PER_WEEK = 20


def create_editor_blocks(schedule: Any) -> list[Any]:
    """Create the 300 blocks in ``schedule`` in one query and return them."""
    from datetime import time

    from schedules.models import ActivityBlock
    from schedules.rules.choices import ActivityType, Modality

    return ActivityBlock.objects.bulk_create(
        ActivityBlock(
            schedule=schedule,
            title=f"Block {week}.{index}",
            modality=Modality.LIVE if index < 4 else Modality.SELF_PACED,
            activity_type=ActivityType.LIVE_SEMINAR if index < 4 else ActivityType.READING,
            day=index % 7,
            start_time=time(8 + index * 2 + (index // 7), 0) if index < 4 else None,
            duration_minutes=60,
            due_day=None if index < 4 else (index % 7),
            weeks=[week],
            position=week * BLOCKS_PER_WEEK + index,
        )
        for week in range(1, WEEKS + 1)
        for index in range(BLOCKS_PER_WEEK)
    )
