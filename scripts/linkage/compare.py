"""Runs `sievert breach cleanse` and the two Python peers on every data set and prints one table: pairwise
precision, recall and F1 of each tool's clusters against the truth, and its wall time.

Each tool runs as its own process from start to clusters file, so a wall time covers starting up, reading the
input, linking, clustering and writing, for Sievert and the peers alike; the median of --runs runs is shown.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

import datasets
import pairwise

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = ["Sievert", "recordlinkage ECM", "Splink"]


def run(command, label):
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"{label} failed with exit status {completed.returncode}")
    return elapsed


def measure(tool, data, sievert, directory, runs):
    times = []
    for attempt in range(runs):
        output = os.path.join(directory, f"{tool.split()[0].lower()}-{attempt}.csv")
        if tool == "Sievert":
            command = [sievert, "breach", "cleanse", "--input", data.people, "--output", output]
        else:
            script = "peer_ecm.py" if tool.startswith("recordlinkage") else "peer_splink.py"
            command = [sys.executable, os.path.join(HERE, script), data.schema, output] + data.peer_inputs
        times.append(run(command, f"{tool} on {data.name}"))
    column = "person_id" if tool == "Sievert" else "cluster"
    truth = pairwise.read_labels(data.truth, "record_id", "entity" if data.schema == "febrl" else "person_id")
    precision, recall, f1 = pairwise.evaluate(pairwise.read_labels(output, "record_id", column), truth)
    return precision, recall, f1, statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sievert", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--rps-records", type=int, default=20_000)
    parser.add_argument("--rps-seed", type=int, default=2017)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()

    sets = [
        datasets.febrl("FEBRL3", os.path.join(arguments.work, "febrl3")),
        datasets.febrl("FEBRL4", os.path.join(arguments.work, "febrl4")),
        datasets.generated(
            arguments.sievert, arguments.rps_records, arguments.rps_seed, os.path.join(arguments.work, "rps")),
    ]
    header = f"{'data set':<16} {'tool':<18} {'precision':>9} {'recall':>8} {'F1':>8} {'wall s':>8} {'÷ Sievert':>10}"
    print(header)
    print("-" * len(header))
    for data in sets:
        sievert_time = None
        for tool in TOOLS:
            precision, recall, f1, wall = measure(
                tool, data, arguments.sievert, os.path.dirname(data.people), arguments.runs)
            sievert_time = sievert_time or wall
            print(f"{data.name:<16} {tool:<18} {precision:>9.4f} {recall:>8.4f} {f1:>8.4f} {wall:>8.2f} "
                  f"{wall / sievert_time:>9.1f}×", flush=True)
    print(f"wall s: median of {arguments.runs} runs, each a whole process from start to clusters file; "
          "÷ Sievert: that wall time over Sievert's on the same data set (Splink's row is the Splink ÷ Sievert ratio)")


if __name__ == "__main__":
    main()
