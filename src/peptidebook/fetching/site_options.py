"""Step 0 - Fetching: what the user asks of a live site, checked before anything is fetched —
the posts chosen (:class:`Selection`, ``--type``, ``--include``, dates), the login
(:class:`Login`: a WordPress application password, from the environment or ``~/.netrc``, never
the command line) and the hosts allowed without vetting (``--allow-host``). Each malformed value
is a :class:`~peptidebook.errors.UsageError` naming it."""

from __future__ import annotations

import base64
import ipaddress
import netrc
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import UsageError
from ._addresses import address_problem

__all__ = ["PASSWORD_VARIABLE", "STATUSES", "Login", "Selection", "allowed_host", "login_for",
           "parse_date", "parse_ids", "post_type_base"]


#: Where ``--user``'s application password is read from first (never a command-line argument:
#: ``ps`` and shell histories show those).
PASSWORD_VARIABLE = "PEPTIDEBOOK_APP_PASSWORD"
#: The statuses a post may be fetched in; all but ``publish`` need a login.
STATUSES = ("publish", "draft", "private")
#: A REST base as WordPress registers one (``register_post_type``'s ``rest_base``).
_REST_BASE = re.compile(r"[a-z0-9_-]+(?:/[a-z0-9_-]+)*", re.IGNORECASE)



@dataclass(frozen=True)
class Selection:
    """The filters of ``peptidebook fetch``, as the user gave them (slugs and names, not ids):
    each narrows the collection (AND); several values of one filter take posts matching any."""

    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    search: str | None = None
    after: datetime | None = None
    before: datetime | None = None
    statuses: tuple[str, ...] = ()
    include: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        unknown = [s for s in self.statuses if s not in STATUSES]
        if unknown:
            raise UsageError(f"--status {unknown[0]}: not one of {', '.join(STATUSES)}")
        if self.after is not None and self.before is not None and self.after >= self.before:
            raise UsageError(f"--after {self.after:%Y-%m-%dT%H:%M:%S} is not before --before "
                             f"{self.before:%Y-%m-%dT%H:%M:%S}: no post is in that range")

    def needs_login(self) -> bool:
        return any(status != "publish" for status in self.statuses)


@dataclass(frozen=True)
class Login:
    """A WordPress application password for ``user``; ``source`` says where it was read
    (messages name it, never the password, which no ``repr`` shows either)."""

    user: str
    password: str = field(repr=False)
    source: str

    def header(self) -> str:
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return f"Basic {token}"  # RFC 7617 §2: user-id ":" password, UTF-8, Base64


def parse_date(option: str, text: str) -> datetime:
    """``--after``/``--before``'s DATE: an ISO 8601 date (``2024-05-01``, the day's start) or
    date and time (``2024-05-01T12:00``); else a :class:`UsageError` naming it. A time zone
    given is converted to UTC, which is how the query sends it."""
    value = text.strip()
    try:
        when = (datetime.fromisoformat(value) if "T" in value.upper() or " " in value
                else datetime.combine(date.fromisoformat(value), datetime.min.time()))
    except ValueError:
        raise UsageError(f"{option} {text}: not an ISO 8601 date (YYYY-MM-DD, or "
                         "YYYY-MM-DDTHH:MM)") from None
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when


def parse_ids(text: str) -> tuple[int, ...]:
    """``--include``'s ``ID,...``: post ids, positive integers; else a :class:`UsageError`."""
    ids = []
    for part in text.split(","):
        if not part.strip().isdigit() or int(part) == 0:
            raise UsageError(f"--include {text}: {part.strip()!r} is not a post id "
                             "(give ids as 12,34)")
        ids.append(int(part))
    return tuple(ids)


def post_type_base(text: str) -> str:
    """``--type``'s TYPE: ``posts``, ``pages`` or a custom type's REST base (checked against
    the site later); else a :class:`UsageError`."""
    if not _REST_BASE.fullmatch(text):
        raise UsageError(f"--type {text}: not a post type's REST base (posts, pages, or a "
                         "custom type's, such as books)")
    return text


def login_for(site: str, user: str, environ: Mapping[str, str] | None = None,
              netrc_file: Path | None = None) -> Login:
    """``user``'s application password for ``site``: from :data:`PASSWORD_VARIABLE`, else the
    ``~/.netrc`` entry of the site's host (``machine HOST login USER password …``). None there
    is a :class:`UsageError` saying where to put one (never a prompt: a build may run unattended).
    """
    env = os.environ if environ is None else environ
    password = env.get(PASSWORD_VARIABLE, "")
    if password.strip():
        return Login(user, password.strip(), PASSWORD_VARIABLE)
    host = (urlsplit(site).hostname or "").lower()
    path = netrc_file if netrc_file is not None else Path.home() / ".netrc"
    if path.is_file():
        try:
            entry = netrc.netrc(str(path)).authenticators(host)
        except netrc.NetrcParseError as error:
            # Its message may quote a token of the file, a password perhaps: the line only.
            raise UsageError(f"{path}: not read as a netrc file (line {error.lineno})"
                             ) from None
        except OSError as error:
            raise UsageError(f"{path}: not read ({error.strerror})") from None
        if entry is not None and entry[2] and entry[0] in ("", user):
            return Login(user, entry[2], f"{path} (machine {host})")
    raise UsageError(f"--user {user}: no application password: set {PASSWORD_VARIABLE}, or add "
                     f"'machine {host} login {user} password …' to {path}")



def allowed_host(text: str) -> str:
    """``--allow-host``'s HOST as the fetcher compares it: a host name (IDNA, lower case) or an
    IP address, never a URL (a :class:`UsageError` says so: an allowance that can never match
    would fail later, unexplained)."""
    bare = text.strip().removeprefix("[").removesuffix("]")
    try:
        return str(ipaddress.ip_address(bare))
    except ValueError:
        pass
    problem = address_problem(f"https://{bare}/")
    if problem is None and any(c in bare for c in "/:@?#"):
        problem = "give the host alone, without scheme, port or path"
    if problem is not None:
        raise UsageError(f"--allow-host {text}: not a host name ({problem})")
    return bare.encode("idna").decode("ascii").lower().removesuffix(".")
