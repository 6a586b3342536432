# Sourced by ./bulwark and ./run-tests: finds a JDK 25 or later and exports JAVA_HOME.
# Order: JAVA_HOME if it is 25+, then `java` on PATH if it is 25+, then the usual install folders.

bulwark_java_major() { # $1 = path to a java executable; prints its feature version, or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

bulwark_is_jdk25() { # $1 = a JDK home; true if it holds java and javac of version 25+
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local major
  major=$(bulwark_java_major "$1/bin/java")
  [ -n "$major" ] && [ "$major" -ge 25 ]
}

bulwark_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && bulwark_is_jdk25 "$JAVA_HOME"; then
    return 0
  fi
  local java_on_path home
  if java_on_path=$(command -v java 2>/dev/null); then
    home=$(dirname "$(dirname "$(readlink -f "$java_on_path")")")
    if bulwark_is_jdk25 "$home"; then
      export JAVA_HOME="$home"
      return 0
    fi
  fi
  # BULWARK_JDK_DIRS (space-separated globs) replaces the usual folders, mainly for tests.
  local dirs=${BULWARK_JDK_DIRS:-"/usr/lib/jvm/*25* /usr/lib/jvm/*-2[5-9]* /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/*jdk* $HOME/.sdkman/candidates/java/* $HOME/.jdks/*"}
  local candidate
  for candidate in $dirs; do
    if bulwark_is_jdk25 "$candidate"; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "bulwark: needs a JDK 25 or later; install one (e.g. Temurin 25) or set JAVA_HOME to it" >&2
  return 2
}
