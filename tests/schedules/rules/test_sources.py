"""Sources as citations: the short forms rules keep, read as a teacher would cite them."""

from schedules.rules.checks.registry import CHECKS
from schedules.rules.checks.titles import CHECK_TITLES, check_title
from schedules.rules.sources import SEEDS, all_sources, cite_source, cite_text


def shown(source: str) -> list[tuple[str, str | None]]:
    return [(p.text, p.citation.key if p.citation else None) for p in cite_source(source)]


def test_one_seed_is_cited_by_author_and_year():
    assert shown("seed 000") == [("Upscend Team (2026)", "seed 000")]


def test_several_seeds_are_cited_one_after_the_other():
    assert shown("seeds 000, 003") == [
        ("Upscend Team (2026)", "seed 000"),
        ("; ", None),
        ("Course creators' guide", "seed 003"),
    ]
    assert [key for _, key in shown("seeds 000 and 001") if key] == ["seed 000", "seed 001"]
    assert [key for _, key in shown("seeds 001–003") if key] == [
        "seed 001",
        "seed 002",
        "seed 003",
    ]


def test_the_words_around_a_seed_are_kept():
    assert shown("seed 004 (backward design)") == [
        ("eLearning blog (2022)", "seed 004"),
        (" (backward design)", None),
    ]


def test_a_standard_is_cited_and_linked():
    assert shown("RFC 5545 (IETF, 2009)") == [("RFC 5545 (IETF, 2009)", "RFC 5545")]


def test_a_seed_number_with_no_document_is_left_as_written():
    assert shown("seed 009") == [("seed 009", None)]
    assert shown("BlendPlan default") == [("BlendPlan default", None)]


def test_each_of_the_five_documents_has_a_title_a_publisher_and_a_summary():
    assert list(SEEDS) == ["000", "001", "002", "003", "004"]
    for citation in all_sources():
        assert all([citation.author, citation.title, citation.summary, citation.short])


def test_every_check_has_a_title_and_an_unknown_one_is_named_from_its_id():
    assert check_title("no-low-bandwidth-alternative") == "No low-bandwidth alternative"
    assert check_title("needs-a-co-facilitator") == "Needs a co-facilitator"
    assert len(CHECK_TITLES) >= len(CHECKS)


def test_a_citation_reads_in_a_sentence_as_in_brackets():
    assert cite_text("(seed 003 suggests about 20 at most)") == (
        "(Course creators' guide suggests about 20 at most)"
    )
    assert (
        cite_text("(seed 000 discipline guidance)") == "(Upscend Team (2026) discipline guidance)"
    )
