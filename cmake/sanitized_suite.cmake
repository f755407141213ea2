# Builds the project again with sanitizers and runs its test suite there.
# Called by CTest (tests/CMakeLists.txt). Inputs: SOURCE, BINARY, FLAGS,
# EXCLUDE (a CTest regular expression of tests not to run).
separate_arguments(flag_list UNIX_COMMAND "${FLAGS}")
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY} -DCMAKE_BUILD_TYPE=RelWithDebInfo
          "-DCMAKE_CXX_FLAGS=${FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${FLAGS}"
          -DTRAJ_BUILD_BENCHMARKS=OFF -DTRAJ_SANITIZER_SUITE=OFF
  RESULT_VARIABLE configured)
if(NOT configured EQUAL 0)
  message(FATAL_ERROR "configuring the sanitized build failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY} -j2 RESULT_VARIABLE built)
if(NOT built EQUAL 0)
  message(FATAL_ERROR "the sanitized build failed")
endif()
execute_process(COMMAND ${CMAKE_CTEST_COMMAND} --test-dir ${BINARY} -j2 --output-on-failure -E "${EXCLUDE}"
                RESULT_VARIABLE tested)
if(NOT tested EQUAL 0)
  message(FATAL_ERROR "tests failed under sanitizers (see above)")
endif()
