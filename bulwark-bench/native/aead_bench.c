/*
 * The libcrypto bar for bulwark-bench (see docs/benchmarks.md and PERF-TARGETS.md).
 *
 * Measures per-message work the way the Java side does it, not the streaming shape of
 * `openssl speed -evp`: for AEAD, one EVP_CIPHER_CTX created and keyed once, then per message a
 * fresh 12-byte nonce (a counter: the cheapest fresh nonce, so the strictest bar), one Update over
 * the whole message into a preallocated output, Final, and the 16-byte tag. Digests and HMAC: one
 * reused context, one 1 MiB message per operation. X25519: EVP_PKEY_derive on a context keyed once
 * with the peer set. Ed25519: EVP_DigestSign / EVP_DigestVerify of a 64-byte message on a reused
 * EVP_MD_CTX. BLAKE2b-512 also through libsodium's crypto_generichash when libsodium.so.23 can be
 * loaded (it has no headers installed here, so it is looked up with dlopen).
 *
 * Output, one line per measurement: `name size ops_per_s` (size in bytes; 0 where it has none).
 * Usage: aead_bench [seconds-per-measurement (1.0)] [repetitions (3)]
 * Build: cc -O2 -o aead_bench aead_bench.c -lcrypto
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

static double seconds_per_run = 1.0;
static int repetitions = 3;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void fail(const char *what) {
  fprintf(stderr, "aead_bench: %s failed\n", what);
  ERR_print_errors_fp(stderr);
  exit(1);
}

typedef void (*op_fn)(void *state);

/* Runs op for `duration` seconds in batches (the clock is read once per batch). */
static double ops_per_second(op_fn op, void *state, double duration) {
  long batch = 1;
  long done = 0;
  double start = now();
  double elapsed = 0;
  while (elapsed < duration) {
    for (long i = 0; i < batch; i++) op(state);
    done += batch;
    elapsed = now() - start;
    if (elapsed < duration / 100 && batch < (1L << 20)) batch *= 2;
  }
  return (double)done / elapsed;
}

static void measure(const char *name, size_t size, op_fn op, void *state) {
  ops_per_second(op, state, seconds_per_run / 4); /* warm-up */
  for (int r = 0; r < repetitions; r++) {
    printf("%s %zu %.1f\n", name, size, ops_per_second(op, state, seconds_per_run));
    fflush(stdout);
  }
}

/* ---- AEAD ---- */
typedef struct {
  EVP_CIPHER_CTX *ctx;
  unsigned char nonce[12];
  unsigned long long counter;
  const unsigned char *in;
  size_t len;
  unsigned char *out;
} aead_state;

static void aead_encrypt(void *p) {
  aead_state *s = p;
  int n = 0, m = 0;
  s->counter++;
  memcpy(s->nonce + 4, &s->counter, 8);
  if (EVP_EncryptInit_ex(s->ctx, NULL, NULL, NULL, s->nonce) != 1) fail("EncryptInit(nonce)");
  if (EVP_EncryptUpdate(s->ctx, s->out, &n, s->in, (int)s->len) != 1) fail("EncryptUpdate");
  if (EVP_EncryptFinal_ex(s->ctx, s->out + n, &m) != 1) fail("EncryptFinal");
  if (EVP_CIPHER_CTX_ctrl(s->ctx, EVP_CTRL_AEAD_GET_TAG, 16, s->out + n + m) != 1) fail("GET_TAG");
}

static void bench_aead(const char *name, const EVP_CIPHER *cipher, const size_t *sizes, int count) {
  unsigned char key[32];
  if (RAND_bytes(key, sizeof key) != 1) fail("RAND_bytes");
  for (int i = 0; i < count; i++) {
    aead_state s = {0};
    s.len = sizes[i];
    unsigned char *in = malloc(s.len);
    s.out = malloc(s.len + 16);
    if (in == NULL || s.out == NULL) fail("malloc");
    if (RAND_bytes(in, (int)s.len) != 1) fail("RAND_bytes");
    s.in = in;
    s.ctx = EVP_CIPHER_CTX_new();
    if (s.ctx == NULL) fail("EVP_CIPHER_CTX_new");
    if (EVP_EncryptInit_ex(s.ctx, cipher, NULL, NULL, NULL) != 1) fail("EncryptInit(cipher)");
    if (EVP_CIPHER_CTX_ctrl(s.ctx, EVP_CTRL_AEAD_SET_IVLEN, 12, NULL) != 1) fail("SET_IVLEN");
    if (EVP_EncryptInit_ex(s.ctx, NULL, NULL, key, NULL) != 1) fail("EncryptInit(key)");
    measure(name, s.len, aead_encrypt, &s);
    EVP_CIPHER_CTX_free(s.ctx);
    free(in);
    free(s.out);
  }
}

/* ---- digests and HMAC over 1 MiB ---- */
typedef struct {
  EVP_MD_CTX *ctx;
  const EVP_MD *md;
  EVP_MAC_CTX *mac;
  const unsigned char *in;
  size_t len;
  unsigned char out[EVP_MAX_MD_SIZE];
} hash_state;

static void digest_once(void *p) {
  hash_state *s = p;
  unsigned int n = 0;
  if (EVP_DigestInit_ex(s->ctx, s->md, NULL) != 1) fail("DigestInit");
  if (EVP_DigestUpdate(s->ctx, s->in, s->len) != 1) fail("DigestUpdate");
  if (EVP_DigestFinal_ex(s->ctx, s->out, &n) != 1) fail("DigestFinal");
}

static void hmac_once(void *p) {
  hash_state *s = p;
  size_t n = 0;
  if (EVP_MAC_init(s->mac, NULL, 0, NULL) != 1) fail("MAC_init"); /* same key as set up */
  if (EVP_MAC_update(s->mac, s->in, s->len) != 1) fail("MAC_update");
  if (EVP_MAC_final(s->mac, s->out, &n, sizeof s->out) != 1) fail("MAC_final");
}

typedef int (*generichash_fn)(unsigned char *, size_t, const unsigned char *, unsigned long long,
                              const unsigned char *, size_t);
static generichash_fn sodium_generichash;

static void sodium_blake2b_once(void *p) {
  hash_state *s = p;
  if (sodium_generichash(s->out, 64, s->in, s->len, NULL, 0) != 0) fail("crypto_generichash");
}

static void bench_hashes(void) {
  size_t len = 1 << 20;
  unsigned char *in = malloc(len);
  if (in == NULL) fail("malloc");
  if (RAND_bytes(in, (int)len) != 1) fail("RAND_bytes");
  hash_state s = {0};
  s.in = in;
  s.len = len;
  s.ctx = EVP_MD_CTX_new();
  if (s.ctx == NULL) fail("EVP_MD_CTX_new");
  s.md = EVP_sha256();
  measure("sha256", len, digest_once, &s);
  s.md = EVP_sha3_256();
  measure("sha3_256", len, digest_once, &s);
  s.md = EVP_blake2b512();
  measure("blake2b512", len, digest_once, &s);

  unsigned char key[32];
  if (RAND_bytes(key, sizeof key) != 1) fail("RAND_bytes");
  EVP_MAC *hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
  if (hmac == NULL) fail("EVP_MAC_fetch");
  s.mac = EVP_MAC_CTX_new(hmac);
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, "SHA256", 0),
                         OSSL_PARAM_construct_end()};
  if (s.mac == NULL || EVP_MAC_init(s.mac, key, sizeof key, params) != 1) fail("HMAC init");
  measure("hmac_sha256", len, hmac_once, &s);
  EVP_MAC_CTX_free(s.mac);
  EVP_MAC_free(hmac);

  void *sodium = dlopen("libsodium.so.23", RTLD_NOW);
  if (sodium != NULL) {
    int (*sodium_init)(void) = (int (*)(void))dlsym(sodium, "sodium_init");
    sodium_generichash = (generichash_fn)dlsym(sodium, "crypto_generichash");
    if (sodium_init != NULL && sodium_generichash != NULL && sodium_init() >= 0) {
      measure("blake2b512_libsodium", len, sodium_blake2b_once, &s);
    }
  } else {
    fprintf(stderr, "aead_bench: libsodium.so.23 not found, no libsodium BLAKE2b bar\n");
  }
  EVP_MD_CTX_free(s.ctx);
  free(in);
}

/* ---- X25519 and Ed25519 ---- */
typedef struct {
  EVP_PKEY_CTX *derive;
  EVP_MD_CTX *md;
  EVP_PKEY *key;
  unsigned char message[64];
  unsigned char sig[64];
  unsigned char secret[32];
} pkey_state;

static EVP_PKEY *generate(int type) {
  EVP_PKEY *key = NULL;
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(type, NULL);
  if (ctx == NULL || EVP_PKEY_keygen_init(ctx) != 1 || EVP_PKEY_keygen(ctx, &key) != 1) fail("keygen");
  EVP_PKEY_CTX_free(ctx);
  return key;
}

static void x25519_once(void *p) {
  pkey_state *s = p;
  size_t n = sizeof s->secret;
  if (EVP_PKEY_derive(s->derive, s->secret, &n) != 1) fail("derive");
}

static void ed25519_sign_once(void *p) {
  pkey_state *s = p;
  size_t n = sizeof s->sig;
  if (EVP_DigestSignInit(s->md, NULL, NULL, NULL, s->key) != 1) fail("DigestSignInit");
  if (EVP_DigestSign(s->md, s->sig, &n, s->message, sizeof s->message) != 1) fail("DigestSign");
}

static void ed25519_verify_once(void *p) {
  pkey_state *s = p;
  if (EVP_DigestVerifyInit(s->md, NULL, NULL, NULL, s->key) != 1) fail("DigestVerifyInit");
  if (EVP_DigestVerify(s->md, s->sig, sizeof s->sig, s->message, sizeof s->message) != 1) {
    fail("DigestVerify");
  }
}

static void bench_pkey(void) {
  pkey_state s = {0};
  EVP_PKEY *mine = generate(EVP_PKEY_X25519);
  EVP_PKEY *peer = generate(EVP_PKEY_X25519);
  s.derive = EVP_PKEY_CTX_new(mine, NULL);
  if (s.derive == NULL || EVP_PKEY_derive_init(s.derive) != 1 || EVP_PKEY_derive_set_peer(s.derive, peer) != 1) {
    fail("derive init");
  }
  measure("x25519", 0, x25519_once, &s);
  EVP_PKEY_CTX_free(s.derive);
  EVP_PKEY_free(mine);
  EVP_PKEY_free(peer);

  s.key = generate(EVP_PKEY_ED25519);
  s.md = EVP_MD_CTX_new();
  if (s.md == NULL) fail("EVP_MD_CTX_new");
  if (RAND_bytes(s.message, sizeof s.message) != 1) fail("RAND_bytes");
  measure("ed25519_sign", 64, ed25519_sign_once, &s);
  measure("ed25519_verify", 64, ed25519_verify_once, &s);
  EVP_MD_CTX_free(s.md);
  EVP_PKEY_free(s.key);
}

int main(int argc, char **argv) {
  if (argc > 1) seconds_per_run = atof(argv[1]);
  if (argc > 2) repetitions = atoi(argv[2]);
  if (seconds_per_run <= 0 || repetitions <= 0) {
    fprintf(stderr, "usage: aead_bench [seconds-per-measurement] [repetitions]\n");
    return 2;
  }
  static const size_t gcm_sizes[] = {64, 1024, 16384, 1048576};
  static const size_t chacha_sizes[] = {1024, 16384};
  bench_aead("aes256gcm_encrypt", EVP_aes_256_gcm(), gcm_sizes, 4);
  bench_aead("chacha20poly1305_encrypt", EVP_chacha20_poly1305(), chacha_sizes, 2);
  bench_hashes();
  bench_pkey();
  return 0;
}
