"""The exceptions peptidebook raises, and the exit codes the CLI maps them to.

::

    PeptidebookError            (exit 1)  anything the product reports as a failure
    ├── UsageError              (exit 2)  bad command line or book.toml
    ├── InputError              (exit 3)  a source cannot be read or is not an article
    │   └── FetchError                    a resource could not be fetched
    │       ├── StatusError               the server answered 4xx/5xx (fetching; .status,
    │       │                             .headers: Retry-After)
    │       ├── TransientError            no whole answer: timed out, cut short (fetching)
    │       └── ImageRefused              a fetched image that is not packaged (assembly.images;
    │                                     .code: fetch-refused or input-limit)
    ├── OutputError             (exit 4)  the book could not be written
    ├── StrictError             (exit 5)  --strict and warnings were reported
    └── CheckError              (exit 6)  build --check: EPUBCheck or DAISY Ace failed the EPUB

Every message names the file (or URL) and says what is wrong in one line.
"""

from __future__ import annotations


class PeptidebookError(Exception):
    exit_code = 1


class UsageError(PeptidebookError):
    exit_code = 2


class InputError(PeptidebookError):
    exit_code = 3


class FetchError(InputError):
    pass


class OutputError(PeptidebookError):
    exit_code = 4


class StrictError(PeptidebookError):
    exit_code = 5


class CheckError(PeptidebookError):
    exit_code = 6
