#!/usr/bin/python3
"""PyJWT verify throughput, the anchor for Bulwark's JWT verify benchmark (JwtVerifyBenchmark).

Same token shape and checks as the Java side: iss, aud, sub, scope, iat, exp; jwt.decode with the
algorithm pinned, issuer, audience and expiry checked, the key object loaded once.

    pyjwt_bench.py [SECONDS_PER_REPEAT] [REPEATS]

Prints one line per algorithm: "pyjwt ALG ops_per_s_1 ops_per_s_2 ..." (one figure per repeat).
"""
import os
import sys
import time
import timeit

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

ISSUER = "https://id.example"
AUDIENCE = "files-api"


def keys(alg):
    if alg == "HS256":
        secret = os.urandom(32)
        return secret, secret
    if alg == "EdDSA":
        private = ed25519.Ed25519PrivateKey.generate()
    elif alg == "ES256":
        private = ec.generate_private_key(ec.SECP256R1())
    else:
        private = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    return private, private.public_key()


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "user-42", "scope": "read:files", "iat": now, "exp": now + 86400}
    for alg in ["HS256", "EdDSA", "ES256", "PS256", "RS256"]:
        signing, verifying = keys(alg)
        token = jwt.encode(claims, signing, algorithm=alg, headers={"kid": "bench"})

        def verify():
            jwt.decode(token, verifying, algorithms=[alg], audience=AUDIENCE, issuer=ISSUER)

        timer = timeit.Timer(verify)
        number, taken = timer.autorange()  # also the warm-up
        number = max(1, int(number * seconds / max(taken, 1e-9)))
        rates = [number / t for t in timer.repeat(repeat=repeats, number=number)]
        print("pyjwt " + alg + " " + " ".join("%.1f" % r for r in rates), flush=True)


if __name__ == "__main__":
    main()
