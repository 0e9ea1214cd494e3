# The core's layers, checked over every #include (run by ctest as "layers"; docs/design.md draws them):
#
#   bindings      the C ABI: marshalling only
#   jwt           verify, sign, decode, claims, policy
#   jws           compact form, header, signature dispatch
#   keys          key material validated and bound to a family; JWK, PKIX, key sets
#   jwa           the algorithm and key-family tables (RFC 7518)
#   encoding  crypto   (side by side: neither includes the other)
#   src/          bytes, status, wipe, secret bytes
#
# A file may include files of its own folder and of folders strictly below it, nothing else: so no
# include points up or sideways, and no cycle between folders can form. BearSSL's and libsodium's
# headers stay inside src/crypto: a header that includes one may only be included by src/crypto's
# own .cpp files. A folder not listed here is refused until it is given its place.
#
#   cmake -DROOT=<a tree holding src/ and bindings/> -P cmake/check_layers.cmake
cmake_minimum_required(VERSION 3.21)

set(layer_rank_root 0)
set(layer_rank_encoding 1)
set(layer_rank_crypto 1)
set(layer_rank_jwa 2)
set(layer_rank_keys 3)
set(layer_rank_jws 4)
set(layer_rank_jwt 5)
set(layer_rank_bindings 6)
set(third_party_crypto_header "^(bearssl|sodium|crypto_)|^utils\\.h$")  # utils.h: libsodium's

if(NOT ROOT)
  message(FATAL_ERROR "check_layers: pass -DROOT=<source tree>")
endif()
get_filename_component(ROOT "${ROOT}" ABSOLUTE)

# The layer a path inside ROOT belongs to: "root" for src/ itself, else its folder.
function(layer_of path out)
  file(RELATIVE_PATH relative "${ROOT}" "${path}")
  if(relative MATCHES "^bindings/")
    set(${out} bindings PARENT_SCOPE)
  elseif(relative MATCHES "^src/([^/]+)/")
    set(${out} "${CMAKE_MATCH_1}" PARENT_SCOPE)
  elseif(relative MATCHES "^src/[^/]+$")
    set(${out} root PARENT_SCOPE)
  else()
    set(${out} outside PARENT_SCOPE)
  endif()
endfunction()

file(GLOB_RECURSE sources "${ROOT}/src/*.h" "${ROOT}/src/*.cpp" "${ROOT}/bindings/*.h" "${ROOT}/bindings/*.cpp")
list(SORT sources)
set(violations "")
set(leaky_headers "")      # headers that include a third-party crypto header
set(quoted_includes "")    # "<includer>|<included>" for every #include "…"

foreach(source IN LISTS sources)
  file(RELATIVE_PATH name "${ROOT}" "${source}")
  layer_of("${source}" layer)
  if(NOT DEFINED layer_rank_${layer})
    list(APPEND violations "${name}: folder '${layer}' has no place in the layers (cmake/check_layers.cmake)")
    continue()
  endif()
  file(STRINGS "${source}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<]")
  get_filename_component(directory "${source}" DIRECTORY)
  foreach(line IN LISTS lines)
    if(line MATCHES "<([^>]+)>")
      set(system_header "${CMAKE_MATCH_1}")
      if(system_header MATCHES "${third_party_crypto_header}")
        if(NOT layer STREQUAL "crypto")
          list(APPEND violations "${name} includes <${system_header}>: BearSSL and libsodium stay in src/crypto")
        elseif(name MATCHES "\\.h$")
          list(APPEND leaky_headers "${source}")
        endif()
      endif()
      continue()
    endif()
    if(NOT line MATCHES "\"([^\"]+)\"")
      continue()
    endif()
    get_filename_component(target "${directory}/${CMAKE_MATCH_1}" ABSOLUTE)
    file(RELATIVE_PATH target_name "${ROOT}" "${target}")
    layer_of("${target}" target_layer)
    list(APPEND quoted_includes "${source}|${target}")
    if(target_layer STREQUAL "outside" OR NOT EXISTS "${target}")
      list(APPEND violations "${name} includes ${target_name}, which is not a file of the core")
    elseif(NOT target_layer STREQUAL layer)
      if(NOT DEFINED layer_rank_${target_layer})
        list(APPEND violations "${name} includes ${target_name}: folder '${target_layer}' has no place in the layers")
      elseif(NOT layer_rank_${target_layer} LESS layer_rank_${layer})
        list(APPEND violations "${name} includes ${target_name}: ${layer} may not depend on ${target_layer}")
      endif()
    endif()
  endforeach()
endforeach()

# A header that brings in BearSSL or libsodium, directly or through another such header, may only
# be included by src/crypto's .cpp files.
set(grown TRUE)
while(grown)
  set(grown FALSE)
  foreach(edge IN LISTS quoted_includes)
    string(REPLACE "|" ";" edge "${edge}")
    list(GET edge 0 includer)
    list(GET edge 1 included)
    if(included IN_LIST leaky_headers AND includer MATCHES "\\.h$" AND NOT includer IN_LIST leaky_headers)
      list(APPEND leaky_headers "${includer}")
      set(grown TRUE)
    endif()
  endforeach()
endwhile()
foreach(edge IN LISTS quoted_includes)
  string(REPLACE "|" ";" edge "${edge}")
  list(GET edge 0 includer)
  list(GET edge 1 included)
  file(RELATIVE_PATH includer_name "${ROOT}" "${includer}")
  if(included IN_LIST leaky_headers AND NOT includer_name MATCHES "^src/crypto/[^/]+\\.cpp$")
    file(RELATIVE_PATH included_name "${ROOT}" "${included}")
    list(APPEND violations "${includer_name} includes ${included_name}, which brings BearSSL or libsodium with it")
  endif()
endforeach()

list(LENGTH sources checked)
if(violations)
  list(REMOVE_DUPLICATES violations)
  list(JOIN violations "\n  " report)
  message(FATAL_ERROR "layer violations:\n  ${report}")
endif()
message(STATUS "layers hold: ${checked} files")
