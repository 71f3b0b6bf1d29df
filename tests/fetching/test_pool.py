"""``fetch_all``: many URLs at once, at most a few per host, answers in the order asked and
every failure kept with its URL (a fake fetch function that counts concurrent calls)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from urllib.parse import urlsplit

import pytest

from peptidebook.errors import FetchError
from peptidebook.fetching import Fetched, MemoryFetcher, StatusError, fetch_all


class Counting:
    """Answers each URL after ``delay`` seconds (a later URL sooner, so that they finish out of
    order), counting the calls under way, overall and per host; ``failing`` URLs raise."""

    def __init__(self, delay: float = 0.04, failing: frozenset[str] = frozenset()) -> None:
        self.delay = delay
        self.failing = failing
        self.lock = threading.Lock()
        self.now: Counter[str] = Counter()
        self.most: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()
        self.running = 0
        self.most_running = 0

    def fetch(self, url: str) -> Fetched:
        host = urlsplit(url).netloc
        with self.lock:
            self.calls[url] += 1
            self.now[host] += 1
            self.running += 1
            self.most[host] = max(self.most[host], self.now[host])
            self.most_running = max(self.most_running, self.running)
        try:
            time.sleep(self.delay / (1 + int(url.rsplit("/", 1)[1])))
            if url in self.failing:
                raise StatusError(f"{url}: not fetched: HTTP 503 Service Unavailable", 503, {})
            return Fetched(url, url.encode(), "text/plain")
        finally:
            with self.lock:
                self.now[host] -= 1
                self.running -= 1


def urls(host: str, count: int) -> list[str]:
    return [f"https://{host}/{n}" for n in range(count)]


def test_answers_come_in_the_order_asked_each_url_once() -> None:
    fake = Counting()
    asked = [*urls("a.example", 6), "https://a.example/2", *urls("b.example", 3)]
    answers = fetch_all(fake.fetch, asked)
    assert list(answers) == list(dict.fromkeys(asked))
    assert all(isinstance(a, Fetched) and a.data == url.encode() for url, a in answers.items())
    assert set(fake.calls.values()) == {1}


def test_no_host_gets_more_than_per_host_requests_at_once() -> None:
    fake = Counting()
    fetch_all(fake.fetch, [*urls("a.example", 8), *urls("b.example", 8)], workers=4,
              per_host=2)
    assert fake.most == {"a.example": 2, "b.example": 2}
    assert fake.most_running == 4  # the two hosts side by side: concurrent, within workers


def test_one_host_with_per_host_one_is_asked_one_at_a_time() -> None:
    fake = Counting()
    fetch_all(fake.fetch, urls("a.example", 5), workers=4, per_host=1)
    assert fake.most == {"a.example": 1}


def test_every_failure_is_kept_with_its_url() -> None:
    asked = urls("a.example", 6)
    fake = Counting(failing=frozenset({asked[1], asked[4]}))
    answers = fetch_all(fake.fetch, asked)
    failed = [url for url, answer in answers.items() if isinstance(answer, FetchError)]
    assert failed == [asked[1], asked[4]]
    assert str(answers[asked[4]]) == f"{asked[4]}: not fetched: HTTP 503 Service Unavailable"


def test_a_fetcher_method_is_a_fetch_function() -> None:
    fetcher = MemoryFetcher({"https://a.example/x.png": b"\x89PNG\r\n\x1a\n"})
    answers = fetch_all(fetcher.fetch, ["https://a.example/x.png", "https://a.example/y.png"])
    assert isinstance(answers["https://a.example/x.png"], Fetched)
    assert isinstance(answers["https://a.example/y.png"], FetchError)


def test_an_error_that_is_not_a_failed_fetch_is_raised() -> None:
    def broken(url: str) -> Fetched:
        raise RuntimeError(f"bug at {url}")

    with pytest.raises(RuntimeError, match="bug at"):
        fetch_all(broken, urls("a.example", 3))
