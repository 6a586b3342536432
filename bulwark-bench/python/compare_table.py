#!/usr/bin/python3
"""Prints bulwark-bench/compare's ratio table (Markdown) from one run's raw results.

Usage: compare_table.py JMH_JSON BARS_TXT RUN_TXT [ONLY_REGEX]

JMH_JSON is JMH's `-rf json` output; for each benchmark the per-iteration scores in
primaryMetric.rawData give min/median/max. BARS_TXT holds lines `source name size ops_per_s` from
the C harness (source `libcrypto`) and the PyCA script (`pyca`), every round appended, so a bar's
min/median/max is over all of its repetitions in all rounds. The ratio is median(ours) /
median(bar); the range after it is min(ours)/max(bar) .. max(ours)/min(bar), the ratio the noise
allows. A row passes when the median ratio reaches the goal. With ONLY_REGEX (compare's --only),
only the rows whose JMH benchmark name after dev.bulwark.bench. matches it are printed. Standard
library only.
"""
import json
import re
import statistics
import sys
from collections import defaultdict

PKG = "dev.bulwark.bench."
SIZE_NAMES = {0: "", 64: "64 B", 1024: "1 KiB", 16384: "16 KiB", 65536: "64 KiB", 1048576: "1 MiB"}

# (operation, size, ours JMH method, bar kind, bar key, goal or None, note)
# bar kind: "libcrypto" / "pyca" (key = harness name), "jmh" (key = JMH method, e.g. the JDK's).
ROWS = []
# Our AEAD rows come in two API shapes: "new array" is Aead.encrypt(pt, ad) returning a fresh array
# per message; "into buffer" is BufferAead.encrypt(pt, ad, out, 0) into one reused buffer, the shape
# the libcrypto harness and the JDK "Cipher reused" row write in.
AEAD_SHAPES = (("bulwarkEncrypt", "new array"), ("bulwarkEncryptInto", "into buffer"))
for size in (64, 1024, 16384, 1048576):
    for method, shape in AEAD_SHAPES:
        ours = ("aead.AesGcmBenchmark." + method, size)
        op = "AES-256-GCM encrypt (" + shape + ")"
        ROWS.append((op, size, ours, "libcrypto", "aes256gcm_encrypt", 0.75 if size <= 1024 else 0.85, ""))
        ROWS.append((op, size, ours, "pyca", "aes256gcm_encrypt",
                     10.0 if size <= 1024 else None, "" if size <= 1024 else "10x only at <=1 KiB"))
        ROWS.append((op, size, ours, "jmh", ("aead.AesGcmBenchmark.jdkEncrypt", size),
                     None, "JDK Cipher reused, into buffer"))
for size in (1024, 16384):
    for method, shape in AEAD_SHAPES:
        ours = ("aead.ChaCha20Poly1305Benchmark." + method, size)
        op = "ChaCha20-Poly1305 encrypt (" + shape + ")"
        ROWS.append((op, size, ours, "pyca", "chacha20poly1305_encrypt", 1.0, ""))
        ROWS.append((op, size, ours, "libcrypto", "chacha20poly1305_encrypt",
                     0.35 if size >= 16384 else None, "stretch" if size >= 16384 else ""))
        ROWS.append((op, size, ours, "jmh",
                     ("aead.ChaCha20Poly1305Benchmark.jdkEncrypt", size), None, "JDK Cipher reused, into buffer"))
MiB = 1048576
ROWS += [
    ("SHA-256", MiB, ("hash.DigestBenchmark.bulwarkSha256", None), "libcrypto", "sha256", 0.95, ""),
    ("SHA-256", MiB, ("hash.DigestBenchmark.bulwarkSha256", None), "jmh",
     ("hash.DigestBenchmark.jdkSha256", None), None, "JDK MessageDigest"),
    ("HMAC-SHA256", MiB, ("mac.HmacBenchmark.bulwarkHmacSha256", None), "libcrypto", "hmac_sha256", 0.95, ""),
    ("HMAC-SHA256", MiB, ("mac.HmacBenchmark.bulwarkHmacSha256", None), "jmh",
     ("mac.HmacBenchmark.jdkHmacSha256", None), None, "JDK Mac"),
    ("SHA3-256", MiB, ("hash.DigestBenchmark.bulwarkSha3_256", None), "libcrypto", "sha3_256", 0.70, ""),
    ("SHA3-256", MiB, ("hash.DigestBenchmark.bulwarkSha3_256", None), "jmh",
     ("hash.DigestBenchmark.jdkSha3_256", None), None, "JDK MessageDigest"),
    ("BLAKE2b-512", MiB, ("hash.DigestBenchmark.bulwarkBlake2b512", None), "jmh",
     ("hash.DigestBenchmark.bcBlake2b512", None), 1.0, "vs Bouncy Castle direct"),
    ("BLAKE2b-512", MiB, ("hash.DigestBenchmark.bulwarkBlake2b512", None), "libcrypto",
     "blake2b512_libsodium", None, "libsodium (via the C harness)"),
    ("X25519 agreement", 0, ("agreement.X25519Benchmark.bulwarkAgree", None), "libcrypto", "x25519", 0.4, ""),
    ("X25519 agreement", 0, ("agreement.X25519Benchmark.bulwarkAgree", None), "pyca", "x25519", None, ""),
    ("X25519 agreement", 0, ("agreement.X25519Benchmark.bulwarkAgree", None), "jmh",
     ("agreement.X25519Benchmark.jdkAgree", None), None, "JDK SunEC"),
]
for op, name in (("sign", "Sign"), ("verify", "Verify")):
    ours = ("signature.Ed25519Benchmark.bulwark" + name, None)
    ROWS += [
        (f"Ed25519 {op}", 64, ours, "libcrypto", f"ed25519_{op}", 1.0, ""),
        (f"Ed25519 {op}", 64, ours, "pyca", f"ed25519_{op}", None, ""),
        (f"Ed25519 {op}", 64, ours, "jmh", ("signature.Ed25519Benchmark.jdk" + name, None), None,
         "JDK SunEC, for contrast"),
    ]
for op, name in (("encaps", "Encapsulate"), ("decaps", "Decapsulate")):
    ROWS.append((f"ML-KEM-768 {op}", 0, ("kem.MlKem768Benchmark.bulwark" + name, None), "jmh",
                 ("kem.MlKem768Benchmark.jdk" + name, None), 1.0, "JDK KEM direct"))
for op, name in (("sign", "Sign"), ("verify", "Verify")):
    ROWS.append((f"ML-DSA-65 {op}", 64, ("signature.MlDsa65Benchmark.bulwark" + name, None), "jmh",
                 ("signature.MlDsa65Benchmark.jdk" + name, None), 1.0, "JDK Signature direct"))
for size in (1024, 65536):
    goal = 5.0 if size <= 1024 else 1.5
    ROWS.append(("Fernet encrypt", size, ("fernet.FernetBenchmark.bulwarkEncrypt", size), "pyca",
                 "fernet_encrypt", goal, ""))
    ROWS.append(("Fernet decrypt", size, ("fernet.FernetBenchmark.bulwarkDecrypt", size), "pyca",
                 "fernet_decrypt", goal, ""))
ROWS.append(("MultiFernet rotate", 1024, ("fernet.MultiFernetRotateBenchmark.bulwarkRotate", None),
             "pyca", "fernet_rotate", 5.0, ""))
ROWS.append(("random 32-byte token", 32, ("tokens.TokenBenchmark.bulwarkBytes32", None), "jmh",
             ("tokens.TokenBenchmark.jdkDrbg32Bytes", None), 0.9, "JDK DRBG"))
ROWS.append(("random 32-byte token, URL-safe", 32, ("tokens.TokenBenchmark.bulwarkUrlSafe32", None), "jmh",
             ("tokens.TokenBenchmark.jdkDrbg32Bytes", None), None, "JDK DRBG (bytes only)"))


def load_jmh(path):
    samples = {}
    with open(path, encoding="utf-8") as f:
        for entry in json.load(f):
            name = entry["benchmark"]
            if name.startswith(PKG):
                name = name[len(PKG):]
            size = entry.get("params", {}).get("size")
            raw = [x for fork in entry["primaryMetric"]["rawData"] for x in fork]
            samples[(name, int(size) if size is not None else None)] = raw
    return samples


def load_bars(path):
    samples = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4 and not line.startswith("#"):
                samples[(parts[0], parts[1], int(parts[2]))].append(float(parts[3]))
    return samples


def fmt(value):
    if value >= 100_000:
        return f"{value / 1e6:.2f} M"
    if value >= 1_000:
        return f"{value / 1e3:.1f} k"
    return f"{value:.1f}"


def fmt_ratio(value):
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def stats_cell(values, size):
    lo, med, hi = min(values), statistics.median(values), max(values)
    cell = f"{fmt(med)} [{fmt(lo)}–{fmt(hi)}]"
    if size >= 16384:
        cell += f" = {med * size / 1e6:.0f} MB/s"
    return cell


def main(argv):
    if len(argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    only = re.compile(argv[4]) if len(argv) == 5 else None
    jmh, bars = load_jmh(argv[1]), load_bars(argv[2])
    with open(argv[3], encoding="utf-8") as f:
        run = f.read().strip()
    print("Run:")
    print()
    print("```")
    print(run)
    print("```")
    print()
    print("ops/s as median [min–max]: JMH over its measurement iterations, the C harness and PyCA over")
    print("all repetitions of both rounds. Ratio = median ours / median bar, with the range the noise")
    print("allows (min ours / max bar .. max ours / min bar).")
    print()
    print("| operation | size | ours ops/s | bar | bar ops/s | ratio [range] | goal | result |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    passed = failed = missing = 0
    for op, size, ours_key, kind, bar_key, goal, note in ROWS:
        if only is not None and not only.search(ours_key[0]):
            continue
        ours = jmh.get(ours_key)
        if kind == "jmh":
            bar = jmh.get(bar_key)
            bar_label = "JMH"
        else:
            bar = bars.get((kind, bar_key, size))
            bar_label = "libcrypto" if kind == "libcrypto" else "PyCA"
        if note:
            bar_label += f" ({note})"
        goal_cell = f"≥{goal:g}×" if goal is not None else "—"
        size_cell = SIZE_NAMES.get(size, f"{size} B")
        if not ours or not bar:
            print(f"| {op} | {size_cell} | {'—' if not ours else stats_cell(ours, size)} | {bar_label} | "
                  f"{'not measured' if not bar else stats_cell(bar, size)} | — | {goal_cell} | not measured |")
            missing += 1
            continue
        ratio = statistics.median(ours) / statistics.median(bar)
        lo, hi = min(ours) / max(bar), max(ours) / min(bar)
        if goal is None:
            result = "(info)"
        elif ratio >= goal:
            result = "PASS"
            passed += 1
        else:
            result = "**FAIL**"
            failed += 1
        print(f"| {op} | {size_cell} | {stats_cell(ours, size)} | {bar_label} | {stats_cell(bar, size)} | "
              f"{fmt_ratio(ratio)} [{fmt_ratio(lo)}–{fmt_ratio(hi)}] | {goal_cell} | {result} |")
    print()
    print(f"Goals: {passed} passed, {failed} failed, {missing} rows not measured.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
