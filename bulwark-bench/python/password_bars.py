"""Python bars for bulwark-bench/password-compare (issue 4).

libsodium through PyNaCl (nacl.pwhash.argon2id.kdf) and PyCA bcrypt (bcrypt.hashpw), timed per
call with time.perf_counter (no process start-up). Output, one line per timed run:
`bar profile milliseconds`. Usage: password_bars.py RUNS BCRYPT_COST
"""
import os
import sys
import time

import bcrypt
import nacl.pwhash

PASSWORD = b"correct horse battery staple"


def timed(bar, profile, runs, fn):
    fn()  # warm-up
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        print(f"{bar} {profile} {(time.perf_counter() - start) * 1000:.3f}", flush=True)


def main():
    runs = int(sys.argv[1])
    cost = int(sys.argv[2])
    salt = os.urandom(16)
    timed("pynacl", "19456,2,1", runs,
          lambda: nacl.pwhash.argon2id.kdf(32, PASSWORD, salt, opslimit=2, memlimit=19456 * 1024))
    timed("pyca-bcrypt", str(cost), runs, lambda: bcrypt.hashpw(PASSWORD, bcrypt.gensalt(cost)))


if __name__ == "__main__":
    main()
