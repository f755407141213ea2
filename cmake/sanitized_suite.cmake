# Builds the project again with sanitizers and runs (part of) its test suite
# there. Called by CTest (tests/CMakeLists.txt). Inputs:
#   SOURCE, BINARY    source tree and the build directory to use
#   COMPILER          C++ compiler (its C sibling is derived: clang++ -> clang)
#   FLAGS             compiler and linker flags
#   CMAKE_ARGS        further configure arguments (a ;-list)
#   TARGETS           targets to build (all when empty)
#   INCLUDE, EXCLUDE  CTest regular expressions of the tests to run
#   FUZZ_SECONDS      when set, then runs each fuzz target that long
separate_arguments(flag_list UNIX_COMMAND "${FLAGS}")
string(REPLACE "++" "" c_compiler "${COMPILER}")
# A cache made with another compiler would be wiped by CMake along with the
# options below: start from a fresh cache (objects are kept).
file(REMOVE ${BINARY}/CMakeCache.txt)
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY} -DCMAKE_BUILD_TYPE=RelWithDebInfo
          -DCMAKE_C_COMPILER=${c_compiler} -DCMAKE_CXX_COMPILER=${COMPILER}
          "-DCMAKE_CXX_FLAGS=${FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${FLAGS}"
          -DTRAJ_BUILD_BENCHMARKS=OFF -DTRAJ_SANITIZER_SUITE=OFF ${CMAKE_ARGS}
  RESULT_VARIABLE configured)
if(NOT configured EQUAL 0)
  message(FATAL_ERROR "configuring the sanitized build failed")
endif()
set(target_args)
foreach(target IN LISTS TARGETS)
  list(APPEND target_args --target ${target})
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY} -j2 ${target_args} RESULT_VARIABLE built)
if(NOT built EQUAL 0)
  message(FATAL_ERROR "the sanitized build failed")
endif()
set(select)
if(INCLUDE)
  list(APPEND select -R "${INCLUDE}")
endif()
if(EXCLUDE)
  list(APPEND select -E "${EXCLUDE}")
endif()
execute_process(COMMAND ${CMAKE_CTEST_COMMAND} --test-dir ${BINARY} -j2 --output-on-failure --no-tests=error ${select}
                RESULT_VARIABLE tested)
if(NOT tested EQUAL 0)
  message(FATAL_ERROR "tests failed under sanitizers (see above)")
endif()
if(FUZZ_SECONDS)
  execute_process(COMMAND sh ${SOURCE}/tests/fuzz/run_fuzzers.sh ${BINARY} ${SOURCE} ${FUZZ_SECONDS}
                  RESULT_VARIABLE fuzzed)
  if(NOT fuzzed EQUAL 0)
    message(FATAL_ERROR "a fuzz target failed (see above)")
  endif()
endif()
