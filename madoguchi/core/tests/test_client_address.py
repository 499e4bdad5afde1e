"""The client address behind N trusted proxies: the N-th X-Forwarded-For entry from the right, never the left-most."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from madoguchi.core.client_address import client_address

PROXY = "10.0.0.5"
CLIENT = "198.51.100.23"


def _request(*, remote: str = PROXY, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.MADOGUCHI_TRUSTED_PROXY_COUNT = 0
    assert client_address(_request(remote=CLIENT, forwarded="203.0.113.9")) == CLIENT


def test_one_proxy_takes_the_right_most_entry(settings):
    settings.MADOGUCHI_TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(forwarded=CLIENT)) == CLIENT


@pytest.mark.parametrize("spoofed", ["203.0.113.9", "203.0.113.9, 192.0.2.1", "unknown", "127.0.0.1"])
def test_spoofed_left_most_entries_do_not_change_the_address(settings, spoofed):
    settings.MADOGUCHI_TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(forwarded=f"{spoofed}, {CLIENT}")) == CLIENT


def test_two_proxies_take_the_second_entry_from_the_right(settings):
    settings.MADOGUCHI_TRUSTED_PROXY_COUNT = 2
    # client (may lie) -> CDN sees CLIENT -> nginx sees the CDN (10.0.0.9) -> app sees nginx (REMOTE_ADDR)
    assert client_address(_request(forwarded=f"203.0.113.9, {CLIENT}, 10.0.0.9")) == CLIENT


@pytest.mark.parametrize("forwarded", [None, "", " , ", "not-an-address", f"{CLIENT}, garbage"])
def test_missing_or_malformed_chains_fall_back_to_the_proxy_address(settings, forwarded):
    settings.MADOGUCHI_TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(forwarded=forwarded)) == PROXY


def test_a_chain_shorter_than_the_proxy_count_falls_back_to_the_connecting_address(settings):
    settings.MADOGUCHI_TRUSTED_PROXY_COUNT = 2
    assert client_address(_request(forwarded=CLIENT)) == PROXY


def test_ipv6_entries_are_normalised(settings):
    settings.MADOGUCHI_TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(forwarded="2001:DB8:0:0::1")) == "2001:db8::1"
    assert client_address(_request(forwarded="[2001:db8::2]")) == "2001:db8::2"


def test_an_unusable_remote_addr_gives_no_address(settings):
    settings.MADOGUCHI_TRUSTED_PROXY_COUNT = 0
    assert client_address(_request(remote="")) is None
    assert client_address(_request(remote="nonsense")) is None
