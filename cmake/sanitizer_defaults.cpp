// Default options of AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer, compiled into
// the executables of a -DSHINRIN_SANITIZE=ON build (shinrin, shinrin_tests), so that `ctest` in
// that build needs no environment. ASAN_OPTIONS, UBSAN_OPTIONS and LSAN_OPTIONS still override
// them.
//
// Every finding aborts (SIGABRT): a sanitizer's default exit status is 1, which the tests could not
// tell from a clear input error (exit 1), while a signal is a crash to every test that runs the
// CLI (the fuzzer in tests/unit/test_fuzz.cpp fails on any signal).

extern "C" {

const char* __asan_default_options() {
  return "abort_on_error=1:detect_leaks=1:check_initialization_order=1:strict_init_order=1";
}

const char* __ubsan_default_options() {
  return "abort_on_error=1:halt_on_error=1:print_stacktrace=1";
}

}  // extern "C"
