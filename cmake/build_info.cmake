# Writes the build-info source with the current git commit. Runs at every build (not only at
# configure), and rewrites the file only when its text changes, so results files always carry
# the commit the executable was built from.
execute_process(COMMAND git rev-parse HEAD WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE SHINRIN_GIT_SHA OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET RESULT_VARIABLE git_rc)
if(NOT git_rc EQUAL 0 OR SHINRIN_GIT_SHA STREQUAL "")
  set(SHINRIN_GIT_SHA "unknown")
endif()
execute_process(COMMAND git status --porcelain --untracked-files=no WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE dirty OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT dirty STREQUAL "" AND NOT SHINRIN_GIT_SHA STREQUAL "unknown")
  set(SHINRIN_GIT_SHA "${SHINRIN_GIT_SHA}-dirty")
endif()
configure_file(${SOURCE_DIR}/engine/core/build_info.cpp.in ${OUTPUT}.new @ONLY)
file(READ ${OUTPUT}.new new_text)
set(old_text "")
if(EXISTS ${OUTPUT})
  file(READ ${OUTPUT} old_text)
endif()
if(NOT new_text STREQUAL old_text)
  file(RENAME ${OUTPUT}.new ${OUTPUT})
else()
  file(REMOVE ${OUTPUT}.new)
endif()
