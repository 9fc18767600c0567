"""The request-handling test project (tests/core/handlers/reqproj) is shared."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "core", "handlers"))
