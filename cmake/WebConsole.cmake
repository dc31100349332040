# The web console (web/): `npm ci` when the lock file changes, then
# `npm run build` (API types from openapi.json, type check, vite build,
# precompressed copies) into <build>/share/lingting/console, which is where
# `lingting serve` looks for it beside bin/ (src/runtime/console_location.cpp).

find_program(NPM_EXECUTABLE npm REQUIRED)
set(LINGTING_WEB_DIR ${CMAKE_SOURCE_DIR}/web)
set(LINGTING_CONSOLE_DIR ${CMAKE_BINARY_DIR}/share/lingting/console)
set(web_deps_stamp ${CMAKE_BINARY_DIR}/web-deps.stamp)

add_custom_command(
  OUTPUT ${web_deps_stamp}
  COMMAND ${NPM_EXECUTABLE} ci --no-audit --no-fund --loglevel=error
  COMMAND ${CMAKE_COMMAND} -E touch ${web_deps_stamp}
  DEPENDS ${LINGTING_WEB_DIR}/package.json ${LINGTING_WEB_DIR}/package-lock.json
  WORKING_DIRECTORY ${LINGTING_WEB_DIR}
  COMMENT "npm ci (web console dependencies)"
  VERBATIM)

file(GLOB_RECURSE web_sources CONFIGURE_DEPENDS
  ${LINGTING_WEB_DIR}/src/*.ts ${LINGTING_WEB_DIR}/src/*.vue ${LINGTING_WEB_DIR}/src/*.css
  ${LINGTING_WEB_DIR}/public/*)
list(FILTER web_sources EXCLUDE REGEX "(\\.test\\.ts|/schema\\.d\\.ts)$")

add_custom_command(
  OUTPUT ${LINGTING_CONSOLE_DIR}/index.html
  COMMAND ${CMAKE_COMMAND} -E env LINGTING_CONSOLE_OUT=${LINGTING_CONSOLE_DIR}
          ${NPM_EXECUTABLE} run --silent build
  DEPENDS ${web_deps_stamp} ${web_sources}
          ${LINGTING_WEB_DIR}/index.html ${LINGTING_WEB_DIR}/vite.config.ts
          ${LINGTING_WEB_DIR}/tsconfig.json ${LINGTING_WEB_DIR}/scripts/compress.mjs
          ${CMAKE_SOURCE_DIR}/src/http/openapi.json
  WORKING_DIRECTORY ${LINGTING_WEB_DIR}
  COMMENT "Building the web console"
  VERBATIM)

add_custom_target(console ALL DEPENDS ${LINGTING_CONSOLE_DIR}/index.html)
install(DIRECTORY ${LINGTING_CONSOLE_DIR} DESTINATION share/lingting)
