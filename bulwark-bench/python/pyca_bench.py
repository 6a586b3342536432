#!/usr/bin/python3
"""The PyCA bar for bulwark-bench (see docs/benchmarks.md and PERF-TARGETS.md).

Times, with timeit, the operations the JMH suite measures, written the way a PyCA user writes them:
AESGCM / ChaCha20Poly1305 encrypt with a fresh os.urandom(12) nonce per message and no associated
data, Fernet encrypt / decrypt (no TTL) and MultiFernet([new, old]).rotate, X25519 exchange and
Ed25519 sign / verify of a 64-byte message. Keys and objects are made once, outside the timing.

Output, one line per measurement: `name size ops_per_s` (size in bytes; 0 where it has none).
Usage: pyca_bench.py [seconds-per-measurement (1.0)] [repetitions (3)]
"""
import os
import sys
import timeit

try:
    import cryptography
    from cryptography.fernet import Fernet, MultiFernet
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
except ImportError as e:
    print(f"pyca_bench: the python3 'cryptography' package is missing ({e})", file=sys.stderr)
    sys.exit(3)


def measure(name, size, fn, seconds, repetitions):
    timer = timeit.Timer(fn)
    number, taken = timer.autorange()  # also the warm-up
    number = max(1, int(number * (seconds / max(taken, 1e-9))))
    for elapsed in timer.repeat(repeat=repetitions, number=number):
        print(f"{name} {size} {number / elapsed:.1f}", flush=True)


def main(argv):
    seconds = float(argv[1]) if len(argv) > 1 else 1.0
    repetitions = int(argv[2]) if len(argv) > 2 else 3
    print(f"# pyca cryptography {cryptography.__version__}", file=sys.stderr)

    def aead(name, cls, sizes):
        key = cls(os.urandom(32))
        for size in sizes:
            data = os.urandom(size)
            measure(name, size, lambda: key.encrypt(os.urandom(12), data, None), seconds, repetitions)

    aead("aes256gcm_encrypt", AESGCM, (64, 1024, 16384, 1048576))
    aead("chacha20poly1305_encrypt", ChaCha20Poly1305, (1024, 16384))

    fernet = Fernet(Fernet.generate_key())
    for size in (1024, 65536):
        data = os.urandom(size)
        token = fernet.encrypt(data)
        measure("fernet_encrypt", size, lambda: fernet.encrypt(data), seconds, repetitions)
        measure("fernet_decrypt", size, lambda: fernet.decrypt(token), seconds, repetitions)
    old, new = Fernet(Fernet.generate_key()), Fernet(Fernet.generate_key())
    multi = MultiFernet([new, old])
    old_token = old.encrypt(os.urandom(1024))
    measure("fernet_rotate", 1024, lambda: multi.rotate(old_token), seconds, repetitions)

    mine, peer = X25519PrivateKey.generate(), X25519PrivateKey.generate().public_key()
    measure("x25519", 0, lambda: mine.exchange(peer), seconds, repetitions)

    signing = Ed25519PrivateKey.generate()
    verifying = signing.public_key()
    message = os.urandom(64)
    signature = signing.sign(message)
    measure("ed25519_sign", 64, lambda: signing.sign(message), seconds, repetitions)
    measure("ed25519_verify", 64, lambda: verifying.verify(signature, message), seconds, repetitions)


if __name__ == "__main__":
    main(sys.argv)
