"""The news app: front page, sections and an about page."""
