"""Benchmark: import a generated 100,000-row Salesforce report CSV, then import it again.

Prints rows/s, wall time and peak memory for each run. Targets on a 2-core machine: first import
under 20 s, re-import under 15 s, peak memory under 400 MB. Run: .venv/bin/python bench/import_deals.py
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

STAGES = ["Closed Won", "Closed Lost", "Closed - No Decision", "Negotiation/Review", "Proposal/Price Quote"]
HEADER = ["Opportunity ID", "Opportunity Name", "Account Name", "Industry", "Employees", "Region", "Product Line",
          "Type", "Stage", "Amount", "Close Date", "Opportunity Owner", "Loss Reason", "Next Step", "Competitor",
          "Primary Contact", "Contact Title", "Contact Email"]


def write_csv(path: Path, rows: int) -> None:
    rnd = random.Random(7)
    start = date(2024, 1, 1)
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        out = csv.writer(f, quoting=csv.QUOTE_ALL)
        out.writerow(HEADER)
        for i in range(rows):
            stage = rnd.choices(STAGES, weights=[30, 45, 5, 10, 10])[0]
            closed = stage.startswith("Closed")
            account = f"Account {rnd.randrange(20000):05d} Ltd"
            out.writerow([
                f"006B{i:014d}", f"{account} - Platform", account,
                rnd.choice(["Manufacturing", "Retail", "Healthcare", "Technology"]),
                rnd.choice(["1-200", "201-1000", "1001-5000", "5000+"]),
                rnd.choice(["North America", "EMEA", "APAC", "LATAM"]),
                rnd.choice(["Core Analytics", "Forecasting", "Data Platform"]),
                rnd.choice(["New Business", "Existing Business"]), stage,
                f"USD {rnd.randrange(5000, 400000):,}.00",
                (start + timedelta(days=rnd.randrange(1000))).strftime("%-m/%-d/%Y"),
                f"Rep {rnd.randrange(60):02d}", "Price" if stage == "Closed Lost" else "",
                "lost on price" if stage == "Closed Lost" and rnd.random() < 0.3 else "",
                rnd.choice(["Northwind", "Tessera", "QuantaCloud", ""]) if closed else "",
                f"Buyer {i}", "VP Finance", f"buyer{i}@example.com",
            ])
        out.writerow([])
        out.writerow([f"Grand Totals ({rows} records)"])


def run_import(path: Path, env: dict[str, str]) -> tuple[float, float, str]:
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "winloss", "import-deals", str(path), "--json"],
                             env=env, stdout=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    output = child.stdout.read().strip()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"import failed: {output}")
    return wall, usage.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="winloss-bench-") as tmp:
        folder = Path(tmp)
        csv_path = folder / "opportunities.csv"
        write_csv(csv_path, args.rows)
        env = {**os.environ, "WINLOSS_DATA_DIR": str(folder / "data")}
        subprocess.run([sys.executable, "-m", "winloss", "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
        database = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
        print(f"{args.rows:,} rows, {csv_path.stat().st_size / 1e6:.1f} MB CSV, {database}")
        for label in ("first import", "re-import"):
            wall, peak_mb, output = run_import(csv_path, env)
            print(f"{label:>12}: {wall:6.2f} s wall, {args.rows / wall:8,.0f} rows/s, peak memory {peak_mb:6.0f} MB")
            print(f"{'':>12}  {output}")


if __name__ == "__main__":
    main()
