import pytest

from summit.search import MAX_LENGTH, MAX_WORDS, Terms, highlight, parse_query, snippet


def test_parse_query_collapses_whitespace_and_drops_repeated_words():
    assert parse_query("  材料\t\n Materials  materials ") == Terms(
        text="材料 Materials", words=("材料", "Materials"), had_text=True)


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_parse_query_nothing_typed(raw):
    assert parse_query(raw) == Terms()


@pytest.mark.parametrize("raw", ["%", "%%__", "\\", "!!! ??? ---", "--", "\x00\x01"])
def test_parse_query_symbols_only_have_no_words(raw):
    terms = parse_query(raw)
    assert (terms.words, terms.had_text, bool(terms)) == ((), True, False)


def test_parse_query_keeps_words_with_symbols_for_the_database_to_escape():
    assert parse_query("50% a_b C:\\ %").words == ("50%", "a_b", "C:\\")


def test_parse_query_control_characters_and_nul_split_words():
    assert parse_query("材\x00料 AI\x1bfor\u200bScience\x7f").words == (
        "材", "料", "AI", "for", "Science")


def test_parse_query_cuts_long_queries_and_says_so():
    terms = parse_query("材料" * 5000)  # 10,000 characters
    assert (len(terms.text), terms.was_cut) == (MAX_LENGTH, True)


def test_parse_query_cuts_many_words_and_says_so():
    terms = parse_query(" ".join(f"w{n}" for n in range(20)))
    assert (terms.words, terms.was_cut) == (tuple(f"w{n}" for n in range(MAX_WORDS)), True)


def test_parse_query_short_query_is_not_cut():
    assert parse_query("x" * MAX_LENGTH).was_cut is False


def test_highlight_escapes_text_and_word_then_marks():
    html = highlight('<script>alert("材料")</script> & 材料', ["<script>", "材料"])
    assert html == ("<mark>&lt;script&gt;</mark>alert(&quot;<mark>材料</mark>&quot;)"
                    "&lt;/script&gt; &amp; <mark>材料</mark>")


def test_highlight_never_marks_inside_an_entity():
    assert highlight("R&D amp", ["amp"]) == "R&amp;D <mark>amp</mark>"


def test_highlight_is_case_insensitive_and_keeps_the_text_case():
    assert highlight("Materials computing", ["materials"]) == "<mark>Materials</mark> computing"


def test_snippet_centres_on_the_first_match_at_a_word():
    text = " ".join(f"word{n}" for n in range(40)) + " materials end"
    assert snippet(text, ["materials"], length=20) == (
        "…word38 word39 <mark>materials</mark> end")
