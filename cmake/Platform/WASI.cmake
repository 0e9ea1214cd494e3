# CMake 3.25 has no WASI platform module; this is all the platform needs.
set(CMAKE_EXECUTABLE_SUFFIX ".wasm")
set(UNIX 1)
