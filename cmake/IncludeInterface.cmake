# lingting_include_interface(TARGET FOLDER) gives a subsystem library an
# include interface of its own: a directory holding one symbolic link,
# FOLDER -> src/FOLDER. Headers are included as "FOLDER/x.hpp", so a target
# reaches a subsystem's headers only when it links the subsystem's library
# (PUBLIC where its own headers need them, PRIVATE otherwise). Finer rules
# (which folder may include which) are checked by scripts/check-includes.sh.
function(lingting_include_interface target folder)
  set(root ${CMAKE_BINARY_DIR}/include/${target})
  get_filename_component(parent ${root}/${folder} DIRECTORY)
  file(MAKE_DIRECTORY ${parent})
  if(NOT IS_SYMLINK ${root}/${folder})
    file(CREATE_LINK ${CMAKE_SOURCE_DIR}/src/${folder} ${root}/${folder} SYMBOLIC)
  endif()
  target_include_directories(${target} PUBLIC ${root})
endfunction()
