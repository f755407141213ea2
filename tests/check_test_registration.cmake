# Every Catch2 test case is registered with CTest exactly once (issue 29).
# catch_discover_tests registers one CTest test per name that the binary
# lists; a name that discovery mangles (a ';' splits it in two) is
# registered under a filter that matches nothing. This script compares,
# for each test binary, the names the binary lists with the tests CTest
# holds for that binary, and fails on any difference.
#
#   cmake -DCTEST=<ctest> -DBUILD_DIR=<top build dir> -DTEST_DIR=<dir of the binaries>
#         -DMODULES=<module,module,…> -DMINIMUM=<n> -P check_test_registration.cmake
#
# MINIMUM: the suite has more Catch2 cases than that, so that an empty
# listing (a binary that prints nothing, a wrong directory) cannot pass.
cmake_minimum_required(VERSION 3.19)  # string(JSON)

foreach(variable CTEST BUILD_DIR TEST_DIR MODULES MINIMUM)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "check_test_registration: -D${variable}=… is required")
  endif()
endforeach()

execute_process(COMMAND "${CTEST}" --show-only=json-v1 WORKING_DIRECTORY "${BUILD_DIR}"
                OUTPUT_VARIABLE registered RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "ctest --show-only=json-v1 failed (${result})")
endif()
set(failures 0)
string(REPLACE "," ";" modules "${MODULES}")

# One pass over CTest's tests (each JSON query parses the whole document):
# per module, the Catch2 names its tests filter on, and those run without
# --warn NoTests (a filter that matches nothing must fail the test: Catch2
# exits 0 otherwise).
string(JSON registered_count LENGTH "${registered}" tests)
math(EXPR last "${registered_count} - 1")
foreach(index RANGE ${last})
  string(JSON test GET "${registered}" tests ${index})
  string(JSON program GET "${test}" command 0)
  foreach(module IN LISTS modules)
    if(program STREQUAL "${TEST_DIR}/${module}_test")
      string(JSON name GET "${test}" name)
      string(REGEX REPLACE "^${module}: ?" "" case_name "${name}")
      list(APPEND registered_${module} "${case_name}")
      string(JSON argument_count LENGTH "${test}" command)
      set(warns_no_tests FALSE)
      math(EXPR last_argument "${argument_count} - 1")
      foreach(argument_index RANGE ${last_argument})
        string(JSON argument GET "${test}" command ${argument_index})
        if(argument STREQUAL "NoTests")
          set(warns_no_tests TRUE)
        endif()
      endforeach()
      if(NOT warns_no_tests)
        message(SEND_ERROR "CTest test \"${name}\" runs without --warn NoTests")
        math(EXPR failures "${failures} + 1")
      endif()
    endif()
  endforeach()
endforeach()

set(total_cases 0)
foreach(module IN LISTS modules)
  execute_process(COMMAND "${TEST_DIR}/${module}_test" --list-test-names-only
                  OUTPUT_VARIABLE listing RESULT_VARIABLE listed)
  # Catch2 v2 exits with the number of cases listed (modulo 256); a crash
  # gives a message instead of a number.
  if(NOT listed MATCHES "^[0-9]+$")
    message(SEND_ERROR "${module}_test --list-test-names-only failed: ${listed}")
    math(EXPR failures "${failures} + 1")
    continue()
  endif()
  string(FIND "${listing}" ";" semicolon)
  if(NOT semicolon EQUAL -1)
    message(SEND_ERROR "${module}_test: a test case name holds a ';', which CTest "
                       "discovery splits in two (rename it):\n${listing}")
    math(EXPR failures "${failures} + 1")
    continue()
  endif()
  # Discovery escapes ',', '[' and ']' only; these would change what the
  # filter matches (wildcards, exclusion, quotes, escapes).
  string(REGEX MATCH "[^\n]*[*~\"\\][^\n]*" special "${listing}")
  if(special)
    message(SEND_ERROR "${module}_test: the test case name \"${special}\" holds one of * ~ \" \\, "
                       "which a CTest filter does not match literally (rename it)")
    math(EXPR failures "${failures} + 1")
  endif()
  string(REGEX REPLACE "\n+$" "" listing "${listing}")
  string(REPLACE "\n" ";" cases "${listing}")
  list(LENGTH cases case_count)
  # Filters ignore case: two names differing only by case would each run both.
  string(TOLOWER "${listing}" lowered)
  string(REPLACE "\n" ";" lowered "${lowered}")
  list(REMOVE_DUPLICATES lowered)
  list(LENGTH lowered distinct_count)
  if(NOT distinct_count EQUAL case_count)
    message(SEND_ERROR "${module}_test: two test case names differ only by case (a filter "
                       "matches both)")
    math(EXPR failures "${failures} + 1")
  endif()
  math(EXPR total_cases "${total_cases} + ${case_count}")
  list(LENGTH registered_${module} registered_cases)
  # CTest names are unique, so equal counts and every registered name being
  # a case mean every case is registered exactly once.
  foreach(case_name IN LISTS registered_${module})
    if(NOT case_name IN_LIST cases)
      message(SEND_ERROR "${module}_test: CTest filters on \"${case_name}\", which is no "
                         "Catch2 test case of the binary")
      math(EXPR failures "${failures} + 1")
    endif()
  endforeach()
  if(NOT registered_cases EQUAL case_count)
    message(SEND_ERROR "${module}_test: ${case_count} Catch2 test cases, ${registered_cases} "
                       "CTest tests")
    math(EXPR failures "${failures} + 1")
  endif()
  message(STATUS "${module}_test: ${case_count} Catch2 test cases, ${registered_cases} CTest tests")
endforeach()

if(total_cases LESS_EQUAL MINIMUM)
  message(SEND_ERROR "${total_cases} Catch2 test cases in all, expected more than ${MINIMUM}")
  math(EXPR failures "${failures} + 1")
endif()
if(failures GREATER 0)
  message(FATAL_ERROR "${failures} registration failure(s)")
endif()
message(STATUS "${total_cases} Catch2 test cases, each registered with CTest once")
