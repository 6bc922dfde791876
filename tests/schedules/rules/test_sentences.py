"""The recommendation's sentences count things as a teacher would write them."""

from courses.choices import ObjectiveKind
from schedules.rules.sentences import fit_percent, priority_sentence


class _Course:
    """The two things priority_sentence reads of a course profile."""

    def __init__(self, counts: dict[ObjectiveKind, int]) -> None:
        self.kind_counts = counts
        self.outcome_count = sum(counts.values())


def test_one_outcome_of_a_kind_is_counted_in_the_singular():
    course = _Course(
        {
            ObjectiveKind.INTERACTIVE_SKILL_MASTERY: 1,
            ObjectiveKind.KNOWLEDGE_ACQUISITION: 1,
            ObjectiveKind.MIXED: 1,
        }
    )
    sentence = priority_sentence(course, 0)  # type: ignore[arg-type]
    assert "1 skill to practise" in sentence
    assert "1 knowledge outcome" in sentence
    assert "1 mixed outcome" in sentence
    assert "1 skills" not in sentence


def test_several_outcomes_of_a_kind_are_counted_in_the_plural():
    course = _Course(
        {ObjectiveKind.INTERACTIVE_SKILL_MASTERY: 2, ObjectiveKind.KNOWLEDGE_ACQUISITION: 2}
    )
    sentence = priority_sentence(course, 0)  # type: ignore[arg-type]
    assert "2 skills to practise" in sentence
    assert "2 knowledge outcomes" in sentence


def test_a_fit_reads_the_same_in_a_sentence_and_in_a_table():
    from schedules.templatetags.blend import fit_percent_filter

    for fit in (0.776, 0.7799, 0.999, 0.0, 1.0):
        assert fit_percent_filter(fit) == f"{fit_percent(fit)}%"
    assert fit_percent_filter(0.776) == "77%"  # never "78%" beside a sentence's "77%"


def test_every_factor_sentence_reads_as_plain_words_with_its_direction_and_its_own_points():
    from schedules.rules.sentences import signed
    from tests.schedules.rules.test_expert_panel import CASES, advise

    for case in CASES:
        result = advise(case.data)
        for factor in result.factors:
            sentence = factor.sentence
            # No arithmetic a teacher has to decode.
            for symbol in ("→", "×", "scaled to", "in proportion", "not applied"):
                assert symbol not in sentence, (case.name, sentence)
            if factor.name in ("bounds", "capacity"):  # limits say what held the share
                assert "is held" in sentence, sentence
            elif factor.points > 0:
                assert "live time gets more weight" in sentence, sentence
            elif factor.points < 0:
                assert "self-paced work gets more weight" in sentence, sentence
            else:
                assert "more weight" not in sentence, sentence
            if factor.points:
                # The same number as the factor table beside it.
                assert f"({signed(factor.points)}" in sentence, sentence


def test_points_read_with_a_true_minus_sign_and_a_singular_point():
    from schedules.rules.sentences import signed

    assert signed(2.2) == "+2.2 points"
    assert signed(-1) == "−1 point"
    assert signed(-17.7) == "−17.7 points"
