#!/usr/bin/env python3
"""jfc-disable.py IN.jfc OUT.jfc EVENT...: a copy of a JFR settings file with the named events' enabled set to false.
bench/profiling.sh uses it to derive the test arms' settings from the runtime's own lib/jfr/default.jfc."""
import re, sys

src, dst, events = sys.argv[1], sys.argv[2], sys.argv[3:]
text = open(src, encoding="utf-8").read()
for ev in events:
    pat = re.compile(r'(<event name="' + re.escape(ev) + r'">\s*<setting name="enabled"[^>]*>)true(</setting>)')
    text, n = pat.subn(r"\1false\2", text)
    if n != 1:
        sys.exit(f"jfc-disable.py: {src} has no enabled setting of {ev} set to true")
open(dst, "w", encoding="utf-8").write(text)
