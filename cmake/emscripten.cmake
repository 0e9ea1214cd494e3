# Emscripten toolchain wrapper: a real emsdk when EMSDK (or EMSCRIPTEN) is set, else Debian's emscripten.
# Passing emsdk's own Emscripten.cmake as CMAKE_TOOLCHAIN_FILE works just as well.
if(DEFINED ENV{EMSDK} AND EXISTS "$ENV{EMSDK}/upstream/emscripten/cmake/Modules/Platform/Emscripten.cmake")
  set(_edgejwt_emscripten "$ENV{EMSDK}/upstream/emscripten")
elseif(DEFINED ENV{EMSCRIPTEN})
  set(_edgejwt_emscripten "$ENV{EMSCRIPTEN}")
else()
  set(_edgejwt_emscripten "/usr/share/emscripten")
endif()
include("${_edgejwt_emscripten}/cmake/Modules/Platform/Emscripten.cmake")
