"""The newsroom's content, kept in Python until the site has a database."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    blurb: str


@dataclass(frozen=True)
class Story:
    section: str
    headline: str
    summary: str


SECTIONS = [
    Section("weather", "Weather", "Clouds, mostly. This is nuages after all."),
    Section("science", "Science", "Discoveries, experiments and the occasional retraction."),
    Section("culture", "Culture", "Books, films and the things people argue about."),
]

STORIES = [
    Story(
        "weather",
        "Cumulus spotted over the harbour",
        "Forecasters call it fluffy, with a chance of more.",
    ),
    Story(
        "weather",
        "Fog lifts by noon",
        "Commuters report seeing the bridge for the first time this week.",
    ),
    Story(
        "science",
        "Async cores outrun their threads",
        "A benchmark finds the event loop rarely waits.",
    ),
    Story(
        "science",
        "Compiled templates, measured",
        "Turning templates into Python pays off on every request.",
    ),
    Story(
        "culture",
        "A festival of small frameworks",
        "Developers gather to compare how little code they need.",
    ),
]


def get_section(slug: str) -> Section | None:
    return next((s for s in SECTIONS if s.slug == slug), None)


def stories_in(slug: str) -> list[Story]:
    return [story for story in STORIES if story.section == slug]
