"""The syndication framework: RSS and Atom feeds from a Feed class."""
