#!/bin/sh
# build-aux/test.sh — builds Hubdesk three ways and runs every test suite; last line: the totals
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   1. _build-test   the normal build, all tests, GUI tests on Xvfb with a D-Bus session
#   2. _build-asan   -Db_sanitize=address,undefined -Dgui=false, all non-GUI tests
#   3. _build-fuzz   clang, -Dfuzzing=true, suite "fuzz" (only where a meson.build
#                    uses the option "fuzzing")
#
# Benchmarks are registered with benchmark(), so `meson test` does not run them;
# `meson test --benchmark -C _build-test` does.  Every build directory is made
# afresh.  The last line reads "N passed, N failed, N skipped"; the exit status
# is non-zero when a test failed, a build failed or no test ran.

set -u

cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
JOBS=2

count_results () {
  /usr/bin/python3 "$ROOT/build-aux/count-results.py" "$@"
}

echo "== Installing the build dependencies"
if ! sh build-aux/install-deps.sh; then
  echo "Installing the dependencies failed; see the messages above." >&2
  echo "0 passed, 0 failed, 0 skipped"
  exit 1
fi

SUMMARY_ARGS=""

# Wrappers for `meson test`: GUI tests need a display and a session bus
# (for AT-SPI and GApplication); the others only a session bus.
with_display () {
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$@"
}

with_bus () {
  dbus-run-session -- "$@"
}

# run_build LABEL DIR WRAPPER SETUP_OPTIONS TEST_OPTIONS
#   Sets up DIR afresh, builds it and runs its tests through WRAPPER, then
#   adds the outcome to SUMMARY_ARGS.  After a partial build, the tests that
#   were built still run; the others count as failed.
run_build () {
  label=$1
  dir=$2
  wrapper=$3
  setup_opts=$4
  test_opts=$5

  echo
  echo "== $label: meson setup $dir $setup_opts"
  rm -rf "$dir"
  status=ok
  test_exit=-
  # shellcheck disable=SC2086
  if ! meson setup "$dir" $setup_opts; then
    echo "== $label: meson setup failed" >&2
    status=setup-failed
  else
    echo "== $label: ninja -C $dir -j $JOBS"
    if ! ninja -C "$dir" -j "$JOBS" -k 0; then
      echo "== $label: the build failed; running the tests that were built" >&2
      status=build-failed
    fi
    rm -f "$dir/meson-logs/testlog.json" "$dir/meson-logs/not-built.json"
    names=""
    if [ "$status" = build-failed ]; then
      # shellcheck disable=SC2086
      names=$(count_results runnable "$dir" $test_opts)
    fi
    if [ "$status" = ok ] || [ -n "$names" ]; then
      echo "== $label: meson test -C $dir $test_opts"
      # shellcheck disable=SC2086
      $wrapper meson test -C "$dir" --no-rebuild --print-errorlogs \
        --num-processes "$JOBS" $test_opts $names
      test_exit=$?
    fi
  fi
  SUMMARY_ARGS="$SUMMARY_ARGS --build $label $dir $status $test_exit"
}

# 1. The normal build with the application, every suite.
run_build default _build-test with_display \
  "" \
  "--no-suite bench"

# 2. AddressSanitizer and UndefinedBehaviorSanitizer, without GTK.  The data
#    suite checks no C code and already ran in the first build.
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS UBSAN_OPTIONS
run_build asan _build-asan with_bus \
  "-Db_sanitize=address,undefined -Db_lundef=false -Dgui=false" \
  "--no-suite bench --no-suite data --timeout-multiplier 3"

# 3. libFuzzer targets (clang), where a meson.build uses the option "fuzzing".
if grep -rqE "get_option *\\( *['\"]fuzzing['\"] *\\)" src tests 2>/dev/null; then
  CC=clang
  export CC
  run_build fuzz _build-fuzz with_bus \
    "-Dfuzzing=true -Dgui=false -Db_sanitize=address,undefined -Db_lundef=false" \
    "--suite fuzz --timeout-multiplier 3"
  unset CC
else
  echo
  echo "== fuzz: no meson.build under src/ or tests/ uses the option 'fuzzing'; skipped"
fi
unset ASAN_OPTIONS UBSAN_OPTIONS

echo
# shellcheck disable=SC2086
count_results summary $SUMMARY_ARGS
exit $?
