# Seed corpora of the fuzz targets, made at configure time in the build tree from samples/,
# tests/data/ and tests/fuzz/queries.txt: one file a line where the targets read one record,
# sentence or query at a time, and small archives for the reading path.

# Writes each non-empty line of FILE (or its COLUMN-th tab-separated field, 1-based; '#' lines
# and the first row of a table skipped) to DIR/PREFIX-N, with PREPEND before it.
function(fahras_seed_lines file dir prefix)
  cmake_parse_arguments(arg "" "COLUMN;PREPEND" "" ${ARGN})
  file(READ "${file}" content)
  file(MAKE_DIRECTORY "${dir}")
  set(n 0)
  set(row 0)
  string(LENGTH "${content}" length)
  while(length GREATER 0)
    string(FIND "${content}" "\n" newline)
    if(newline EQUAL -1)
      set(line "${content}")
      set(content "")
    else()
      string(SUBSTRING "${content}" 0 ${newline} line)
      math(EXPR next "${newline} + 1")
      string(SUBSTRING "${content}" ${next} -1 content)
    endif()
    string(LENGTH "${content}" length)
    if(line STREQUAL "")
      continue()
    endif()
    if(arg_COLUMN)
      string(SUBSTRING "${line}" 0 1 first)
      math(EXPR row "${row} + 1")
      if(first STREQUAL "#" OR row EQUAL 1)
        if(first STREQUAL "#")
          math(EXPR row "${row} - 1")
        endif()
        continue()
      endif()
      foreach(skip RANGE 2 ${arg_COLUMN})
        string(FIND "${line}" "\t" tab)
        if(tab EQUAL -1)
          set(line "")
          break()
        endif()
        math(EXPR next "${tab} + 1")
        string(SUBSTRING "${line}" ${next} -1 line)
      endforeach()
      string(FIND "${line}" "\t" tab)
      if(NOT tab EQUAL -1)
        string(SUBSTRING "${line}" 0 ${tab} line)
      endif()
    endif()
    math(EXPR n "${n} + 1")
    file(WRITE "${dir}/${prefix}-${n}" "${arg_PREPEND}${line}")
  endwhile()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")
endfunction()

set(samples "${PROJECT_SOURCE_DIR}/samples")
set(seeds "${CMAKE_CURRENT_BINARY_DIR}/seeds")
file(REMOVE_RECURSE "${seeds}")
file(GLOB sample_texts "${samples}/text/*.txt")

# JSON readers: each JSON line alone (the whole files are seeds too, passed as folders).
fahras_seed_lines("${samples}/articles.jsonl" "${seeds}/reader_json" line)

# Reading path: single records, and a ZIP, a gzip stream and a tar.gz of a few of them.
file(MAKE_DIRECTORY "${seeds}/read_input/parts")
file(COPY "${seeds}/reader_json/line-1" "${seeds}/reader_json/line-2" DESTINATION "${seeds}/read_input/parts")
file(COPY ${sample_texts} DESTINATION "${seeds}/read_input/parts")
file(RENAME "${seeds}/read_input/parts/line-1" "${seeds}/read_input/parts/one.jsonl")
file(RENAME "${seeds}/read_input/parts/line-2" "${seeds}/read_input/parts/two.json")
file(ARCHIVE_CREATE OUTPUT "${seeds}/read_input/records.zip" FORMAT zip
     PATHS "${seeds}/read_input/parts/one.jsonl" "${seeds}/read_input/parts/two.json"
     "${seeds}/read_input/parts/03-riyadh-metro.txt")
file(ARCHIVE_CREATE OUTPUT "${seeds}/read_input/one.jsonl.gz" FORMAT raw COMPRESSION GZip
     PATHS "${seeds}/read_input/parts/one.jsonl")
file(ARCHIVE_CREATE OUTPUT "${seeds}/read_input/records.tar.gz" FORMAT gnutar COMPRESSION GZip
     PATHS "${seeds}/read_input/parts/two.json" "${seeds}/read_input/parts/01-hajj-preparations.txt")
file(ARCHIVE_CREATE OUTPUT "${seeds}/read_input/one.jsonl.xz" FORMAT raw COMPRESSION XZ
     PATHS "${seeds}/read_input/parts/one.jsonl")

# Date mentions and entities: each sentence of the date mentions table.
fahras_seed_lines("${PROJECT_SOURCE_DIR}/tests/data/date_mentions.tsv" "${seeds}/mentions" sentence COLUMN 2)

# Queries: the syntax examples; snippets: each query over a sample text.
fahras_seed_lines("${CMAKE_CURRENT_SOURCE_DIR}/queries.txt" "${seeds}/query" query)
file(READ "${samples}/text/04-damascus-old-city.txt" body)
fahras_seed_lines("${CMAKE_CURRENT_SOURCE_DIR}/queries.txt" "${seeds}/snippet" query PREPEND "")
file(GLOB snippet_seeds "${seeds}/snippet/*")
foreach(seed IN LISTS snippet_seeds)
  file(APPEND "${seed}" "\n${body}")
endforeach()
