/*
 * The C bars for bulwark-bench/password-compare (issue 4): the reference Argon2 library
 * (P-H-C libargon2, Debian libargon2-1, threaded lanes) and libsodium's crypto_pwhash (SIMD,
 * one lane), timed in-process so that no process start-up is counted.
 *
 * Neither package ships headers here, so both libraries are opened with dlopen and the two
 * prototypes are declared below (they are the libraries' stable ABI).
 *
 * Output, one line per timed run: `bar profile milliseconds`, profile = m_KiB,t,p.
 * Usage: password_bench [runs (10)]
 * Build: cc -O2 -o password_bench password_bench.c -ldl
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int (*argon2id_hash_raw_fn)(uint32_t t_cost, uint32_t m_cost, uint32_t parallelism, const void *pwd,
                                    size_t pwdlen, const void *salt, size_t saltlen, void *hash, size_t hashlen);
typedef int (*sodium_init_fn)(void);
typedef int (*crypto_pwhash_fn)(unsigned char *out, unsigned long long outlen, const char *passwd,
                                unsigned long long passwdlen, const unsigned char *salt,
                                unsigned long long opslimit, size_t memlimit, int alg);

static const char PASSWORD[] = "correct horse battery staple";
static unsigned char salt[16];
static unsigned char out[32];

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void *open_symbol(const char *const *libraries, const char *symbol) {
  for (int i = 0; libraries[i] != NULL; i++) {
    void *lib = dlopen(libraries[i], RTLD_NOW | RTLD_LOCAL);
    if (lib != NULL) {
      void *f = dlsym(lib, symbol);
      if (f != NULL) return f;
    }
  }
  return NULL;
}

static void time_argon2(argon2id_hash_raw_fn f, uint32_t m, uint32_t t, uint32_t p, int runs) {
  for (int r = -1; r < runs; r++) { /* run -1 is the warm-up */
    salt[0] = (unsigned char)r;
    double start = now_ms();
    if (f(t, m, p, PASSWORD, strlen(PASSWORD), salt, sizeof salt, out, sizeof out) != 0) {
      fprintf(stderr, "password_bench: argon2id_hash_raw failed\n");
      exit(1);
    }
    double elapsed = now_ms() - start;
    if (r >= 0) printf("argon2-ref %u,%u,%u %.3f\n", m, t, p, elapsed);
    fflush(stdout);
  }
}

static void time_sodium(crypto_pwhash_fn f, uint32_t m, uint32_t t, int runs) {
  for (int r = -1; r < runs; r++) {
    salt[0] = (unsigned char)r;
    double start = now_ms();
    if (f(out, sizeof out, PASSWORD, strlen(PASSWORD), salt, t, (size_t)m * 1024u, 2 /* ARGON2ID13 */) != 0) {
      fprintf(stderr, "password_bench: crypto_pwhash failed\n");
      exit(1);
    }
    double elapsed = now_ms() - start;
    if (r >= 0) printf("libsodium-c %u,%u,1 %.3f\n", m, t, elapsed);
    fflush(stdout);
  }
}

int main(int argc, char **argv) {
  int runs = argc > 1 ? atoi(argv[1]) : 10;
  if (runs < 1 || runs > 1000) {
    fprintf(stderr, "usage: password_bench [runs 1..1000]\n");
    return 2;
  }
  static const char *const argon2_libs[] = {"libargon2.so.1", "libargon2.so", NULL};
  static const char *const sodium_libs[] = {"libsodium.so.23", "libsodium.so.26", "libsodium.so", NULL};
  argon2id_hash_raw_fn argon2 = (argon2id_hash_raw_fn)open_symbol(argon2_libs, "argon2id_hash_raw");
  sodium_init_fn init = (sodium_init_fn)open_symbol(sodium_libs, "sodium_init");
  crypto_pwhash_fn pwhash = (crypto_pwhash_fn)open_symbol(sodium_libs, "crypto_pwhash");
  if (argon2 == NULL) {
    fprintf(stderr, "password_bench: libargon2 not found (Debian: apt-get install libargon2-1)\n");
    return 2;
  }
  time_argon2(argon2, 65536, 3, 4, runs);
  time_argon2(argon2, 19456, 2, 1, runs);
  if (init != NULL && pwhash != NULL && init() >= 0) {
    time_sodium(pwhash, 19456, 2, runs);
  } else {
    fprintf(stderr, "password_bench: libsodium not found, its C bar is skipped\n");
  }
  return 0;
}
