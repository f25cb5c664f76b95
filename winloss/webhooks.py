"""Outgoing webhooks: one way to POST JSON to a URL the program's owner configured."""

from __future__ import annotations

import json
import urllib.error
import urllib.request


def post_json(url: str, payload: object, timeout: float) -> tuple[int | None, str]:
    """POST `payload` as JSON. Returns the HTTP status (None when nothing answered) and what went wrong: "" when
    nothing did, "HTTP <status>" for an answer outside 2xx, else why nothing answered."""
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "User-Agent": "Winloss"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (the owner's URL)
            status = response.status
    except urllib.error.HTTPError as failure:
        return failure.code, f"HTTP {failure.code}"
    except (urllib.error.URLError, OSError, ValueError) as failure:
        return None, str(getattr(failure, "reason", failure))
    return status, "" if 200 <= status < 300 else f"HTTP {status}"
