"""``python -m peptidebook.cli``: the same as the ``peptidebook`` command."""

import sys

from . import main

sys.exit(main())
