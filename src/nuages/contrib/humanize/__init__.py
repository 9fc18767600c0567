"""Template filters that give data a human touch: ``{% load humanize %}``."""
