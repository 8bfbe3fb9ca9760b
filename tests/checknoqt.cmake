# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a file under DIR includes a Qt header (<Q...> or <Qt...>).
file(GLOB_RECURSE files ${DIR}/*.h ${DIR}/*.cpp ${DIR}/*.in)
set(bad "")
foreach(f ${files})
  file(STRINGS ${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]Q")
  if(lines)
    list(APPEND bad "${f}: ${lines}")
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "core/ includes Qt headers:\n${bad}")
endif()
message(STATUS "core/ includes no Qt header (${CMAKE_ARGV0})")
