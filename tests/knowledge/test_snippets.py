"""Snippets are cut around the first hit and mark every hit, like ts_headline did."""

from knowledge.snippets import MARK_START, MARK_STOP, highlight, lexemes


def marked(text: str) -> list[str]:
    return [part.split(MARK_STOP)[0] for part in text.split(MARK_START)[1:]]


def test_lexemes_of_a_normalised_tsquery():
    text = "( ('partnerschaft') | ('stadtepartnerschaft') ) & ( 'kryvyi' <-> 'rih' | 'o''brien' )"
    assert lexemes(text) == ["kryvyi", "o'brien", "partnerschaft", "rih", "stadtepartnerschaft"]


def test_stems_mark_inflected_forms_and_compounds_with_umlauts():
    source = "Zwei Städtepartnerschaften und eine Partnerschaft; der Wiederaufbaus beginnt."
    result = highlight(source, ["stadtepartnerschaft", "partnerschaft", "wiederaufbau"])
    assert marked(result) == ["Städtepartnerschaften", "Partnerschaft", "Wiederaufbaus"]


def test_short_lexemes_match_whole_words_only_and_cyrillic_works():
    result = highlight("Відбудова громади у Рівному: відбудова мостів.", ["відбудова", "у"])
    assert marked(result) == ["Відбудова", "у", "відбудова"]
    assert marked(highlight("Ulm und Umland", ["u"])) == []


def test_the_window_starts_near_the_first_hit_on_a_whole_word():
    source = " ".join(f"wort{i}" for i in range(300)) + " Feuerwehr " + "ende " * 100
    result = highlight(source, ["feuerwehr"])
    assert result.startswith("… wort")
    assert result.endswith(" …")
    assert marked(result) == ["Feuerwehr"]
    assert len(result) < 400


def test_without_a_hit_the_start_of_the_text_is_shown():
    assert highlight("Kurzer Text ohne Treffer.", ["xyz"]) == "Kurzer Text ohne Treffer."
    assert highlight("", ["xyz"]) == ""
