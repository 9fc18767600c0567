"""Placeholder Latin text for {% lorem %}."""

from __future__ import annotations

import random

__all__ = ["COMMON_P", "COMMON_WORDS", "WORDS", "paragraph", "paragraphs", "sentence", "words"]

COMMON_P = (
    "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure "
    "dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. "
    "Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt "
    "mollit anim id est laborum."
)

COMMON_WORDS = tuple(
    [
        "lorem",
        "ipsum",
        "dolor",
        "sit",
        "amet",
        "consectetur",
        "adipisicing",
        "elit",
        "sed",
        "do",
        "eiusmod",
        "tempor",
        "incididunt",
        "ut",
        "labore",
        "et",
        "dolore",
        "magna",
        "aliqua",
    ]
)

WORDS = tuple(
    sorted(
        set(
            [
                "exercitationem",
                "perferendis",
                "perspiciatis",
                "laborum",
                "eveniet",
                "sunt",
                "iure",
                "nam",
                "nobis",
                "eum",
                "cum",
                "officiis",
                "excepturi",
                "odio",
                "consectetur",
                "quasi",
                "aut",
                "quisquam",
                "vel",
                "eligendi",
                "itaque",
                "non",
                "odit",
                "tempore",
                "quaerat",
                "dignissimos",
                "facilis",
                "neque",
                "nihil",
                "expedita",
                "vitae",
                "vero",
                "ipsum",
                "nisi",
                "animi",
                "cumque",
                "pariatur",
                "velit",
                "modi",
                "natus",
                "iusto",
                "eaque",
                "sequi",
                "illo",
                "sed",
                "ex",
                "et",
                "voluptatibus",
                "tempora",
                "veritatis",
                "ratione",
                "assumenda",
                "incidunt",
                "nostrum",
                "placeat",
                "aliquid",
                "fuga",
                "provident",
                "praesentium",
                "rem",
                "necessitatibus",
                "suscipit",
                "adipisci",
                "quidem",
                "possimus",
                "voluptas",
                "debitis",
                "sint",
                "accusantium",
                "unde",
                "sapiente",
                "voluptate",
                "qui",
                "aspernatur",
                "laudantium",
                "soluta",
                "amet",
                "quo",
                "aliquam",
                "saepe",
                "culpa",
                "libero",
                "ipsa",
                "dicta",
                "reiciendis",
                "nesciunt",
                "doloribus",
                "autem",
                "impedit",
                "minima",
                "maiores",
                "repudiandae",
                "ipsam",
                "obcaecati",
                "ullam",
                "enim",
                "totam",
                "delectus",
                "ducimus",
                "quis",
                "voluptates",
                "dolores",
                "molestiae",
                "harum",
                "dolorem",
                "quia",
                "voluptatem",
                "molestias",
                "magni",
                "distinctio",
                "omnis",
                "illum",
                "dolorum",
                "voluptatum",
                "ea",
                "quas",
                "quam",
                "corporis",
                "quae",
                "blanditiis",
                "atque",
                "deserunt",
                "laboriosam",
                "earum",
                "consequuntur",
                "hic",
                "cupiditate",
                "quibusdam",
                "accusamus",
                "ut",
                "rerum",
                "error",
                "minus",
                "eius",
                "ab",
                "ad",
                "nemo",
                "fugit",
                "officia",
                "at",
                "in",
                "id",
                "quos",
                "reprehenderit",
                "numquam",
                "iste",
                "fugiat",
                "sit",
                "inventore",
                "beatae",
                "repellendus",
                "magnam",
                "recusandae",
                "quod",
                "explicabo",
                "doloremque",
                "aperiam",
                "consequatur",
                "asperiores",
                "commodi",
                "optio",
                "dolor",
                "labore",
                "temporibus",
                "repellat",
                "veniam",
                "architecto",
                "est",
                "esse",
                "mollitia",
                "nulla",
                "a",
                "similique",
                "eos",
                "alias",
                "dolore",
                "tenetur",
                "deleniti",
                "porro",
                "facere",
                "maxime",
                "corrupti",
            ]
        )
    )
)


def sentence() -> str:
    """A random sentence: comma-separated sections, capitalized, ending in . or ?."""
    sections = [
        " ".join(random.sample(WORDS, random.randint(3, 12))) for _ in range(random.randint(1, 5))
    ]
    s = ", ".join(sections)
    return f"{s[0].upper()}{s[1:]}{random.choice('?.')}"


def paragraph() -> str:
    return " ".join(sentence() for _ in range(random.randint(1, 4)))


def paragraphs(count: int, common: bool = True) -> list[str]:
    """count paragraphs; the first is the standard Lorem ipsum one when common."""
    return [COMMON_P if common and i == 0 else paragraph() for i in range(count)]


def words(count: int, common: bool = True) -> str:
    """count words; the standard opening words first when common."""
    word_list = list(COMMON_WORDS) if common else []
    c = len(word_list)
    if count > c:
        count -= c
        while count > 0:
            c = min(count, len(WORDS))
            count -= c
            word_list += random.sample(WORDS, c)
    else:
        word_list = word_list[:count]
    return " ".join(word_list)
