# Sourced by the benchmarks that run a class from collector/src/test/java/.../bench: moves to the
# repository root, chooses Java, builds, and names the class path of the built collector.
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# shellcheck disable=SC2034 # used by the scripts that source this file
BENCH_CP="collector/target/test-classes:collector/target/classes:collector/target/lib/*"
# BENCH_SKIP_BUILD=1: use what is already built.
[[ -n "${BENCH_SKIP_BUILD:-}" ]] || ./mvnw -q -B -o install -DskipTests
