"""``python -m peptidebook``: the same as the ``peptidebook`` command."""

import sys

from .cli import main

sys.exit(main())
