"""Lorem ipsum placeholder text: the common opening, random words, sentences, paragraphs."""

from __future__ import annotations

import random

__all__ = ["COMMON_P", "COMMON_WORDS", "WORDS", "paragraph", "paragraphs", "sentence", "words"]

# The customary opening paragraph of placeholder text.
COMMON_P = (
    "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure "
    "dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. "
    "Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt "
    "mollit anim id est laborum."
)

# The first words of COMMON_P, as words(common=True) starts with them.
COMMON_WORDS = (
    "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipisicing", "elit", "sed",
    "do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua",
)  # fmt: skip

# Latin vocabulary (Cicero, de finibus bonorum et malorum, book I), one copy of each word.
WORDS = (
    "accusamus", "accusantium", "adipisci", "alias", "aliquam", "aliquid", "amet", "animi",
    "aperiam", "architecto", "asperiores", "aspernatur", "assumenda", "atque", "autem",
    "beatae", "blanditiis", "commodi", "consectetur", "consequatur", "consequuntur",
    "corporis", "corrupti", "culpa", "cumque", "cupiditate", "debitis", "delectus",
    "deleniti", "deserunt", "dicta", "dignissimos", "distinctio", "dolor", "dolore",
    "dolorem", "doloremque", "dolores", "doloribus", "dolorum", "ducimus", "earum",
    "eius", "eligendi", "enim", "error", "esse", "est", "eum", "eveniet", "excepturi",
    "exercitationem", "expedita", "explicabo", "facere", "facilis", "fuga", "fugiat",
    "fugit", "harum", "hic", "illo", "illum", "impedit", "incidunt", "inventore",
    "ipsa", "ipsam", "ipsum", "iste", "itaque", "iure", "iusto", "labore", "laboriosam",
    "laborum", "laudantium", "libero", "magnam", "magni", "maiores", "maxime", "minima",
    "minus", "modi", "molestiae", "molestias", "mollitia", "nam", "natus", "necessitatibus",
    "nemo", "neque", "nesciunt", "nihil", "nisi", "nobis", "non", "nostrum", "nulla",
    "numquam", "obcaecati", "odio", "odit", "officia", "officiis", "omnis", "optio",
    "pariatur", "perferendis", "perspiciatis", "placeat", "porro", "possimus", "praesentium",
    "provident", "quae", "quaerat", "quam", "quas", "quasi", "qui", "quia", "quibusdam",
    "quidem", "quis", "quisquam", "quo", "quod", "quos", "ratione", "recusandae",
    "reiciendis", "rem", "repellat", "repellendus", "reprehenderit", "repudiandae",
    "rerum", "saepe", "sapiente", "sequi", "similique", "sint", "soluta", "sunt", "suscipit",
    "tempora", "tempore", "temporibus", "tenetur", "totam", "ullam", "unde", "ut", "vel",
    "velit", "veniam", "veritatis", "vero", "vitae", "voluptas", "voluptate", "voluptatem",
    "voluptates", "voluptatibus", "voluptatum",
)  # fmt: skip


def sentence() -> str:
    """A random capitalized sentence: 1-5 comma-separated runs of 3-12 words, ending in . or ?"""
    sections = [
        " ".join(random.sample(WORDS, random.randint(3, 12))) for _ in range(random.randint(1, 5))
    ]
    text = ", ".join(sections)
    return f"{text[0].upper()}{text[1:]}{random.choice('?.')}"


def paragraph() -> str:
    """A random paragraph of 1-4 sentences."""
    return " ".join(sentence() for _ in range(random.randint(1, 4)))


def paragraphs(count: int, common: bool = True) -> list[str]:
    """count paragraphs; the first is the standard lorem ipsum paragraph when common."""
    return [COMMON_P if common and i == 0 else paragraph() for i in range(count)]


def words(count: int, common: bool = True) -> str:
    """count words separated by spaces, starting with the common lorem ipsum words if common.

    A negative count drops that many words from the end of the common words.
    """
    word_list = list(COMMON_WORDS) if common else []
    if count <= len(word_list):
        return " ".join(word_list[:count])
    missing = count - len(word_list)
    while missing > 0:
        batch = min(missing, len(WORDS))
        word_list += random.sample(WORDS, batch)
        missing -= batch
    return " ".join(word_list)
