"""Week lists as people type them."""

import pytest

from schedules.rules.weeks import WeeksError, format_weeks, parse_weeks, weeks_phrase


def test_ranges_and_single_weeks_are_read_and_written_back_the_same_way():
    weeks = parse_weeks("1-4, 6, 9 - 10", last_week=12)
    assert weeks == [1, 2, 3, 4, 6, 9, 10]
    assert format_weeks(weeks) == "1–4, 6, 9–10"
    assert parse_weeks(format_weeks(weeks), last_week=12) == weeks


def test_a_phrase_says_week_or_weeks():
    assert weeks_phrase([3]) == "week 3"
    assert weeks_phrase([1, 2, 3, 9, 12, 13, 14, 15]) == "weeks 1–3, 9, 12–15"


def test_blank_means_every_week():
    assert parse_weeks("  ", last_week=12) == []
    assert format_weeks([]) == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x", "“x” is not a week or a range of weeks"),
        ("4-2", "runs backwards; write 2-4"),
        ("13", "13 is beyond the course's 12 weeks."),
        ("0-3", "starts before week 1"),
    ],
)
def test_malformed_or_out_of_range_weeks_are_refused_with_a_sentence(text, message):
    with pytest.raises(ValueError, match=message):
        parse_weeks(text, last_week=12)


def test_every_problem_of_a_week_list_is_reported_in_the_order_typed():
    with pytest.raises(WeeksError) as refused:
        parse_weeks("0, 13-15, abc", last_week=12)
    assert refused.value.problems == [
        "0 is not a week: weeks are numbered from 1.",
        "13–15 are beyond the course's 12 weeks.",
        "“abc” is not a week or a range of weeks; write e.g. 1-4, 6, 9.",
    ]
