#!/usr/bin/python3
"""JWT verify: Bulwark (JMH) against PyJWT and against nimbus-jose-jwt called directly, in one run.

Runs PyJWT (pyjwt_bench.py), then the JMH JWT benchmarks (bulwark-bench/run, which builds them), then
PyJWT again, and prints two tables with min / median / max:
  * ops/s per algorithm, Bulwark vs PyJWT, against the goals of issue 4 (HS256 >= 5x, EdDSA >= 1.2x,
    ES256 >= 0.4x; PS256 and RS256 reported without a goal), and HS256 when the verifier has not
    remembered the token's header (JwtHeaderMissBenchmark; no goal);
  * our wrapper's overhead over nimbus alone (goal <= 10%), per algorithm nimbus can verify.
The ratio's min is our worst iteration over PyJWT's best repeat, the max the other way round.

    bulwark-bench/python/jwt_compare.py [--quick]

BULWARK_JMH_RUN="java -cp ... org.openjdk.jmh.Main" replaces the launcher bulwark-bench/run.
Raw outputs go to bulwark-bench/target/jwt-compare/<timestamp>/. See docs/jwt.md.
"""
import datetime
import json
import os
import shlex
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
GOALS = {"HS256": 5.0, "EdDSA": 1.2, "ES256": 0.4}
OVERHEAD_GOAL = 0.10


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def pyjwt(seconds, repeats, out):
    text = subprocess.run([sys.executable, os.path.join(HERE, "pyjwt_bench.py"), str(seconds), str(repeats)],
                          capture_output=True, text=True, check=True).stdout
    with open(out, "a") as f:
        f.write(text)
    rates = {}
    for line in text.splitlines():
        _, alg, *values = line.split()
        rates.setdefault(alg, []).extend(float(v) for v in values)
    return rates


def jmh(args, out):
    # BULWARK_JMH_RUN replaces bulwark-bench/run with another JMH launcher (for example a java command
    # line over an already built class path) when the full reactor cannot be built.
    runner = shlex.split(os.environ.get("BULWARK_JMH_RUN", "")) or [os.path.join(BENCH, "run")]
    command = [*runner, *args, "-rf", "json", "-rff", out, r"dev\.bulwark\.bench\.jwt\."]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    with open(out) as f:
        results = json.load(f)
    rates = {}
    for r in results:
        name = r["benchmark"].rsplit(".", 1)[1]
        alg = r["params"]["alg"]
        samples = [v for fork in r["primaryMetric"]["rawData"] for v in fork]
        rates[(name, alg)] = samples
    return rates


def spread(ours, theirs):
    return (min(ours) / max(theirs), statistics.median(ours) / statistics.median(theirs), max(ours) / min(theirs))


def main():
    quick = "--quick" in sys.argv[1:]
    seconds, repeats = (0.2, 2) if quick else (1.0, 5)
    jmh_args = ["-f", "1", "-wi", "1", "-i", "2", "-w", "300ms", "-r", "300ms"] if quick else \
        ["-f", "1", "-wi", "2", "-i", "5", "-w", "1s", "-r", "1s"]
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = os.path.join(BENCH, "target", "jwt-compare", stamp)
    os.makedirs(out, exist_ok=True)
    load_before = uptime()
    py = pyjwt(seconds, repeats, os.path.join(out, "pyjwt.txt"))
    java = jmh(jmh_args, os.path.join(out, "jmh.json"))
    for alg, values in pyjwt(seconds, repeats, os.path.join(out, "pyjwt.txt")).items():
        py[alg].extend(values)
    load_after = uptime()

    lines = ["# JWT verify: Bulwark vs PyJWT (same run)", "",
             "load before: " + load_before, "load after:  " + load_after, "",
             "| alg | Bulwark ops/s (median) | PyJWT ops/s (median) | ratio min / median / max | goal | met (median) |",
             "| --- | ---: | ---: | --- | --- | --- |"]
    for alg in ["HS256", "EdDSA", "ES256", "PS256", "RS256"]:
        ours = java[("bulwark", alg)]
        lo, mid, hi = spread(ours, py[alg])
        goal = GOALS.get(alg)
        lines.append("| %s | %.0f | %.0f | %.2f / %.2f / %.2f | %s | %s |" % (
            alg, statistics.median(ours), statistics.median(py[alg]), lo, mid, hi,
            ">= %.1fx" % goal if goal else "-", ("yes" if mid >= goal else "NO") if goal else "-"))
    miss = java.get(("bulwarkHeaderMiss", "HS256"))
    if miss:
        # A header the verifier has not remembered (JwtHeaderMissBenchmark): the header cache's share.
        lo, mid, hi = spread(miss, py["HS256"])
        lines.append("| HS256, header not cached | %.0f | %.0f | %.2f / %.2f / %.2f | - | - |" % (
            statistics.median(miss), statistics.median(py["HS256"]), lo, mid, hi))
    mldsa = java.get(("bulwark", "ML-DSA-65"))
    if mldsa:
        lines.append("| ML-DSA-65 | %.0f | (PyJWT has none) | - | - | - |" % statistics.median(mldsa))
    lines += ["", "| alg | nimbus alone ops/s (median) | Bulwark ops/s (median) | overhead min / median / max | goal | met (median) |",
              "| --- | ---: | ---: | --- | --- | --- |"]
    for alg in ["HS256", "ES256", "PS256", "RS256"]:
        nimbus, ours = java[("nimbus", alg)], java[("bulwark", alg)]
        # overhead = nimbus / ours - 1: the extra time per token our wrapper costs.
        lo, mid, hi = (1 / r - 1 for r in reversed(spread(ours, nimbus)))
        lines.append("| %s | %.0f | %.0f | %+.1f%% / %+.1f%% / %+.1f%% | <= %d%% | %s |" % (
            alg, statistics.median(nimbus), statistics.median(ours), 100 * lo, 100 * mid, 100 * hi,
            100 * OVERHEAD_GOAL, "yes" if mid <= OVERHEAD_GOAL else "NO"))
    table = "\n".join(lines)
    with open(os.path.join(out, "table.md"), "w") as f:
        f.write(table + "\n")
    print(table)
    print("raw results in " + os.path.relpath(out, os.path.dirname(BENCH)), file=sys.stderr)


if __name__ == "__main__":
    main()
