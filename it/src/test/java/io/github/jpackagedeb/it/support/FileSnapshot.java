package io.github.jpackagedeb.it.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The file tree of a Debian root at one moment: path → "type mode owner size [-> target]" (no mtimes, no
 * directory sizes: those change when dpkg adds and removes neighbours). Compare the tree before an install
 * with the tree after a purge: anything added, removed or changed is something the package left behind or
 * broke (what piuparts checks, Policy §6 and §10.8 in practice).
 *
 * @param entries path → attributes, sorted by path
 */
public record FileSnapshot(SortedMap<String, String> entries) {

    /** Copies the map, so the snapshot cannot change later. */
    public FileSnapshot {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    /** The same snapshot without the paths that match (e.g. {@code p -> p.equals("/etc/ld.so.cache")}). */
    public FileSnapshot without(Predicate<String> pathFilter) {
        SortedMap<String, String> kept = new TreeMap<>();
        entries.forEach((path, attrs) -> {
            if (!pathFilter.test(path)) {
                kept.put(path, attrs);
            }
        });
        return new FileSnapshot(kept);
    }

    /** True when {@code path} is in the snapshot. */
    public boolean contains(String path) {
        return entries.containsKey(path);
    }

    /**
     * What differs from {@code before} to this snapshot, one line each: {@code + path attrs} (added),
     * {@code - path attrs} (gone), {@code ~ path old => new} (changed). Empty when equal.
     */
    public List<String> diffFrom(FileSnapshot before) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>(before.entries.keySet());
        all.addAll(entries.keySet());
        for (String path : all) {
            String was = before.entries.get(path);
            String now = entries.get(path);
            if (was == null) {
                lines.add("+ " + path + "  " + now);
            } else if (now == null) {
                lines.add("- " + path + "  " + was);
            } else if (!Objects.equals(was, now)) {
                lines.add("~ " + path + "  " + was + " => " + now);
            }
        }
        return lines;
    }

    /** Number of paths. */
    public int size() {
        return entries.size();
    }

    /** Parses {@code find -printf '%y\t%#m\t%U:%G\t%s\t%p\t%l\n'} output. */
    static FileSnapshot parseFind(String findOutput) {
        SortedMap<String, String> map = new TreeMap<>();
        for (String line : findOutput.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", 6);
            if (f.length < 6) {
                throw new IllegalStateException("unexpected find output line: " + line);
            }
            String type = f[0];
            StringBuilder attrs = new StringBuilder(type).append(' ').append(f[1]).append(' ').append(f[2]);
            if (!"d".equals(type)) {
                attrs.append(' ').append(f[3]);
            }
            if ("l".equals(type)) {
                attrs.append(" -> ").append(f[5]);
            }
            map.put(f[4], attrs.toString());
        }
        return new FileSnapshot(map);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            sb.append(e.getKey()).append("  ").append(e.getValue()).append('\n');
        }
        return sb.toString();
    }
}
