"""Make the request-handling test project (reqproj) importable."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
