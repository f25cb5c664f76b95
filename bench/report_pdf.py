"""Time `winloss report --format pdf` on a database of 100,000 deals, 5,000 coded interviews and 100,000 codes.

Seeds a fresh SQLite database in a temporary folder (bench/insights_data.py), picks the quarter with the most
coded interviews, then writes each audience's PDF report in its own process and prints wall time and peak
memory. Target: under 10 s per PDF on the 2-core reference machine."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from insights_data import import_deals, seed_interviews  # noqa: E402

AUDIENCES = ("exec", "sales", "marketing", "product", "cs")


def busiest_quarter() -> str:
    from collections import Counter

    from winloss.core.quarters import quarter_of
    from winloss.interviews.models import Interview

    dates = Interview.objects.exclude(deal__close_date=None).values_list("deal__close_date", flat=True)
    return Counter(quarter_of(d) for d in dates).most_common(1)[0][0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--interviews", type=int, default=5_000)
    parser.add_argument("--codes", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "WINLOSS_DATA_DIR": folder, "DJANGO_SETTINGS_MODULE": "winloss.settings"}
        os.environ.update(WINLOSS_DATA_DIR=folder, DJANGO_SETTINGS_MODULE="winloss.settings")
        import_deals(Path(folder), env, args.rows)
        import django

        django.setup()
        seed_interviews(args.interviews, args.codes)
        quarter = busiest_quarter()
        print(f"{args.rows:,} deals, {args.interviews:,} interviews, {args.codes:,} codes; quarter {quarter}")
        print("| audience | wall | peak memory | PDF size |")
        print("|---|---|---|---|")
        for audience in AUDIENCES:
            out = Path(folder) / f"{audience}.pdf"
            started = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-m", "winloss", "report", "--audience", audience, "--period",
                                      quarter, "--format", "pdf", "-o", str(out)], env=env, stdout=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - started
            if status != 0:
                sys.exit(f"winloss report failed for {audience} (status {status})")
            print(f"| {audience} | {wall:.2f} s | {usage.ru_maxrss // 1024} MB | {out.stat().st_size // 1024} KB |")


if __name__ == "__main__":
    main()
