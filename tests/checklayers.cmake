# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a file under DIR includes a header matching PATTERN (a regex on the include path,
# quoted or in angle brackets), unless the file's name matches EXCEPT. RULE says, in words, which layering rule this is
# (ARCHITECTURE.md: core/model <- core/engine, core/io; only io's result writer reads engine
# types; views read no files and call no engine entry point, they go through models/).
file(GLOB_RECURSE files ${DIR}/*.h ${DIR}/*.cpp ${DIR}/*.in)
set(bad "")
foreach(f ${files})
  get_filename_component(name ${f} NAME)
  if(EXCEPT AND name MATCHES "${EXCEPT}")
    continue()
  endif()
  file(STRINGS ${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](${PATTERN})")
  if(lines)
    list(APPEND bad "${f}: ${lines}")
  endif()
endforeach()
if(bad)
  string(REPLACE ";" "\n" bad "${bad}")
  message(FATAL_ERROR "${RULE}\n${bad}")
endif()
message(STATUS "ok: ${RULE}")
