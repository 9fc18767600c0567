"""nuages.utils.lorem_ipsum."""

from unittest import mock

from nuages.utils import lorem_ipsum
from nuages.utils.lorem_ipsum import COMMON_P, paragraph, paragraphs, sentence, words


def test_words_start_with_the_common_words():
    assert words(7) == "lorem ipsum dolor sit amet consectetur adipisicing"
    assert words(0) == ""
    assert len(words(-5).split()) == len(lorem_ipsum.COMMON_WORDS) - 5
    assert len(words(500).split()) == 500
    assert words(25).startswith(" ".join(lorem_ipsum.COMMON_WORDS))


def test_uncommon_words_come_from_the_pool():
    sample = words(10, common=False).split()
    assert len(sample) == 10 and set(sample) <= set(lorem_ipsum.WORDS)


@mock.patch("nuages.utils.lorem_ipsum.random.choice", return_value="?")
@mock.patch(
    "nuages.utils.lorem_ipsum.random.sample", return_value=["exercitationem", "perferendis"]
)
@mock.patch("nuages.utils.lorem_ipsum.random.randint", return_value=2)
def test_sentence_structure(randint, sample, choice):
    assert sentence() == "Exercitationem perferendis, exercitationem perferendis?"
    assert randint.call_count == 3 and sample.call_count == 2


def test_sentence_and_paragraphs():
    s = sentence()
    assert s[0].isupper() and s[-1] in "?."
    assert paragraph()[-1] in "?."
    first, second = paragraphs(2)
    assert first == COMMON_P and second != COMMON_P
    assert paragraphs(1, common=False)[0] != COMMON_P
    assert paragraphs(0) == []
