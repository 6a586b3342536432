"""Ratio table for bulwark-bench/password-compare: JMH (ms/op per iteration) against the C and
Python bars (ms per call), with min / median / max of each side and the issue-4 goals.

Usage: password_table.py jmh.json bars.txt run.txt
"""
import json
import statistics
import sys

# (label, JMH benchmark class, (profile, engine) params, bar name, bar profile, goal ratio or None)
ROWS = [
    ("Argon2id m=64MiB,t=3,p=4 (native)", "Argon2Benchmark", ("65536,3,4", "native"), "argon2-ref", "65536,3,4", 1.10),
    ("Argon2id m=19MiB,t=2,p=1 (native)", "Argon2Benchmark", ("19456,2,1", "native"), "pynacl", "19456,2,1", 1.30),
    ("Argon2id m=19MiB,t=2,p=1 (native)", "Argon2Benchmark", ("19456,2,1", "native"), "libsodium-c", "19456,2,1",
     None),
    ("Argon2id m=64MiB,t=3,p=4 (Bouncy Castle)", "Argon2Benchmark", ("65536,3,4", "bouncycastle"), "argon2-ref",
     "65536,3,4", None),
    ("Argon2id m=19MiB,t=2,p=1 (Bouncy Castle)", "Argon2Benchmark", ("19456,2,1", "bouncycastle"), "pynacl",
     "19456,2,1", None),
    ("bcrypt cost 12", "BcryptBenchmark", (None, None), "pyca-bcrypt", "12", 1.15),
]


def stats(values):
    return min(values), statistics.median(values), max(values)


def main():
    jmh_file, bars_file, run_file = sys.argv[1:4]
    ours = {}
    for entry in json.load(open(jmh_file)):
        cls = entry["benchmark"].split(".")[-2]
        params = entry.get("params", {})
        raw = [v for fork in entry["primaryMetric"]["rawData"] for v in fork]
        ours[(cls, (params.get("profile"), params.get("engine")))] = raw
    bars = {}
    for line in open(bars_file):
        parts = line.split()
        if len(parts) == 3:
            bars.setdefault((parts[0], parts[1]), []).append(float(parts[2]))
    print("# Password hashing: Bulwark (JMH, ms/op per 2 s iteration) vs the bars (ms per call)")
    print()
    for line in open(run_file):
        print("    " + line.rstrip())
    print()
    print("| operation | bar | ours min / median / max ms | bar min / median / max ms | ratio (median) "
          "| ratio (min) | goal |")
    print("|---|---|---|---|---|---|---|")
    for label, cls, profile, bar, bar_profile, goal in ROWS:
        o = ours.get((cls, profile))
        b = bars.get((bar, bar_profile))
        if not o or not b:
            print(f"| {label} | {bar} | {'missing' if not o else ''} | {'missing' if not b else ''} | | | |")
            continue
        om, omed, omax = stats(o)
        bm, bmed, bmax = stats(b)
        ratio = omed / bmed
        verdict = "" if goal is None else (f"≤{goal:.2f}× " + ("met" if ratio <= goal else "NOT met"))
        print(f"| {label} | {bar} {bar_profile} | {om:.1f} / {omed:.1f} / {omax:.1f} | {bm:.1f} / {bmed:.1f} / "
              f"{bmax:.1f} | {ratio:.2f}× | {om / bm:.2f}× | {verdict} |")
    print()
    print("Ratios > 1 mean Bulwark is slower. A loaded machine inflates both sides unevenly: rerun on a")
    print("quiet host before quoting these as final.")


if __name__ == "__main__":
    main()
