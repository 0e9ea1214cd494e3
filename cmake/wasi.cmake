# WASI toolchain: a real wasi-sdk when WASI_SDK_PATH is set (its own toolchain file), else Debian's
# clang + wasi-libc + libc++ for wasm32 with the sysroot at /usr. Passing wasi-sdk's
# share/cmake/wasi-sdk.cmake as CMAKE_TOOLCHAIN_FILE works just as well.
if(DEFINED ENV{WASI_SDK_PATH} AND EXISTS "$ENV{WASI_SDK_PATH}/share/cmake/wasi-sdk.cmake")
  set(WASI_SDK_PREFIX "$ENV{WASI_SDK_PATH}")
  include("$ENV{WASI_SDK_PATH}/share/cmake/wasi-sdk.cmake")
  return()
endif()

set(EDGEJWT_WASI_CLANG_VERSION 14 CACHE STRING "Debian clang major version used for the WASI build")
list(APPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_LIST_DIR}")
set(CMAKE_SYSTEM_NAME WASI)
set(CMAKE_SYSTEM_VERSION 1)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
set(triple wasm32-wasi)
set(CMAKE_C_COMPILER clang-${EDGEJWT_WASI_CLANG_VERSION})
set(CMAKE_CXX_COMPILER clang++-${EDGEJWT_WASI_CLANG_VERSION})
set(CMAKE_AR llvm-ar-${EDGEJWT_WASI_CLANG_VERSION})
set(CMAKE_RANLIB llvm-ranlib-${EDGEJWT_WASI_CLANG_VERSION})
set(CMAKE_C_COMPILER_TARGET ${triple})
set(CMAKE_CXX_COMPILER_TARGET ${triple})
set(CMAKE_SYSROOT /usr)
# Only the sysroot's wasm32-wasi subfolders hold target files: never search the host's.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
