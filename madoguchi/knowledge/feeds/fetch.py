"""Conditional GET of a feed with timeouts and a size limit; http and https only, redirects included."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO

from madoguchi.knowledge.feeds.parse import FeedError

TIMEOUT_SECONDS = 10.0
# A whole download, however slowly the server trickles bytes, ends by then.
DEADLINE_SECONDS = 30.0
MAX_BYTES = 2 * 1024 * 1024
USER_AGENT = "Madoguchi-feed-fetcher/1.0"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchResult:
    not_modified: bool
    body: bytes
    etag: str
    last_modified: str
    final_url: str


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-HTTP URL refused", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _build() -> urllib.request.OpenerDirector:
    # No file://, ftp:// or data: handlers: build_opener would add them, so the handlers are listed by hand.
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _HttpOnlyRedirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    timeout: float = TIMEOUT_SECONDS,
    deadline: float = DEADLINE_SECONDS,
    max_bytes: int = MAX_BYTES,
) -> FetchResult:
    """GET `url` with If-None-Match / If-Modified-Since; FeedError with a Japanese reason on any failure."""
    if not url.lower().startswith(("http://", "https://")):
        raise FeedError("http または https の URL だけ取得できます。")
    headers = {"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, application/xml, */*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    # Only http(s): checked above, and the opener has no other handlers.
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    started = time.monotonic()
    try:
        with _build().open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FeedError(f"フィードが大きすぎます（{int(length):,} バイト、上限 {max_bytes:,} バイト）。")
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise FeedError(f"フィードが大きすぎます（上限 {max_bytes:,} バイトを超えました）。")
                if time.monotonic() - started > deadline:
                    raise FeedError(f"取得に {deadline:.0f} 秒以上かかったため中止しました。")
                chunks.append(chunk)
            return FetchResult(
                not_modified=False,
                body=b"".join(chunks),
                etag=response.headers.get("ETag", "") or "",
                last_modified=response.headers.get("Last-Modified", "") or "",
                final_url=response.geturl(),
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return FetchResult(not_modified=True, body=b"", etag=etag, last_modified=last_modified, final_url=url)
        raise FeedError(f"HTTP エラー {exc.code} が返されました。") from exc
    except TimeoutError as exc:
        raise FeedError(f"{timeout:.0f} 秒以内に応答がなかったため中止しました。") from exc
    except urllib.error.URLError as exc:
        raise FeedError(f"接続できませんでした: {exc.reason}") from exc
    except OSError as exc:
        raise FeedError(f"接続できませんでした: {exc}") from exc
