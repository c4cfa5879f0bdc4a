#!/usr/bin/env bash
# Cheap style check of the files git tracks, per .editorconfig: UTF-8 text with LF line ends, no tabs for
# indentation, no trailing white space, a final newline. Prints each offence as file:line and exits 1 if any.
# Formats nothing; runs in a second, without Java.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

status=0
while IFS= read -r -d '' file; do
  [[ -f "$file" && -s "$file" ]] || continue
  # Binary files are not text: grep -I finds no line in them.
  LC_ALL=C grep -Iq . "$file" || continue
  if ! out=$(LC_ALL=C awk -v f="$file" '
      /\r$/                 { print f ":" NR ": CRLF line end"; bad = 1 }
      /^ *\t/               { print f ":" NR ": tab in indentation"; bad = 1 }
      /[ \t]+\r?$/          { print f ":" NR ": trailing white space"; bad = 1 }
      END                   { exit bad }' "$file"); then
    printf '%s\n' "$out"
    status=1
  fi
  if [[ -n "$(tail -c1 "$file")" ]]; then
    echo "$file: no newline at end of file"
    status=1
  fi
  if command -v iconv >/dev/null 2>&1 && ! iconv -f UTF-8 -t UTF-8 "$file" >/dev/null 2>&1; then
    echo "$file: not UTF-8"
    status=1
  fi
done < <(git ls-files -z)

if [[ $status -ne 0 ]]; then
  echo "check-style: fix the lines above (see .editorconfig)" >&2
fi
exit "$status"
