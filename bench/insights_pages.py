"""Benchmark: insights pages and a PDF report on 100,000 deals, 5,000 coded interviews and 100,000 codes.

Targets on a 2-core machine: the insights page (decision drivers) under 300 ms median server time, a PDF
report made in under 10 s. Seeds a fresh SQLite database (or DATABASE_URL's) with bench/insights_data.py,
then times the pages in-process through Django's test client (server time: no network, no browser).
Run: .venv/bin/python bench/insights_pages.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from insights_data import import_deals, seed_interviews  # noqa: E402

PAGES = [("insights:drivers", {}), ("insights:drivers", {"outcome": "lost"}), ("insights:competitors", {}),
         ("insights:trends", {}), ("insights:quotes", {}), ("insights:reps", {})]


def timed(call, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--interviews", type=int, default=5_000)
    parser.add_argument("--codes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="Use (and keep) this data folder; seeded only when empty.")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="winloss-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "WINLOSS_DATA_DIR": str(folder)}
    fresh = not (folder / "opportunities.csv").exists()
    if fresh:
        import_deals(folder, env, args.deals)
    os.environ["WINLOSS_DATA_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "winloss.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from winloss.accounts.models import Role, set_up_user
    from winloss.interviews.models import Code, Interview

    if fresh:
        seed_interviews(args.interviews, args.codes)
    settings.ALLOWED_HOSTS = ["*"]
    user, _ = set_up_user("bench-analyst", Role.ANALYST, password="bench-pass-1")
    client = Client()
    client.force_login(user)
    from winloss.deals.models import Deal

    print(f"{Deal.objects.count():,} deals, {Interview.objects.count():,} coded interviews, "
          f"{Code.objects.count():,} codes ({settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})")
    for name, query in PAGES:
        url = reverse(name)

        def get(url: str = url, query: dict = query) -> None:
            response = client.get(url, query)
            assert response.status_code == 200, (url, response.status_code)

        get()  # warm up: templates compiled, caches filled
        times = timed(get, args.runs)
        label = url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
        print(f"{label:32} median {1000 * statistics.median(times):6.0f} ms, worst {1000 * max(times):6.0f} ms "
              f"({args.runs} runs)")
    if not args.keep:
        print(f"(data left in {folder}; pass --keep {folder} to reuse it)")


if __name__ == "__main__":
    main()
