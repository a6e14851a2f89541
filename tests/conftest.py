"""Shared test configuration.

The test run derives every result itself: the on-disk cache of derived results is switched off
unless the caller sets ``DICKEHEAT_CACHE_DIR`` (tests of the cache use their own directory).
"""

import os

os.environ.setdefault("DICKEHEAT_CACHE_DIR", "off")
