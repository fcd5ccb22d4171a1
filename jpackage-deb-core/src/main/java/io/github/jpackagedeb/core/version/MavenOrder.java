package io.github.jpackagedeb.core.version;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * How Maven (3.9, {@code org.apache.maven.artifact.versioning.ComparableVersion}) reads a version, written here
 * without depending on Maven (core stays free of it): case-insensitive; numbers and words split at {@code .},
 * {@code -} and changes between digits and letters; a {@code -}, a digit after letters, letters after a digit, and
 * a word at the end after a {@code .} each open a new list nested in the current one; the aliases {@code a1},
 * {@code b1}, {@code m1} (a letter before a digit), {@code cr} = {@code rc}, {@code ga} = {@code final} =
 * {@code release} = the empty word; and, innermost list first, trailing items equal to nothing (0, the empty
 * word, an empty list) dropped from each list, skipping over nested lists. The result is flattened: since a
 * nested list is always the last item of its parent, the version is one sequence of numbers, words and
 * {@link #LIST} marks. {@code VersionOrderPropertyTest} checks the order that follows from this reading against Maven's own.
 */
final class MavenOrder {

    /** A number, without leading zeros ("0" for zero). */
    record Num(String digits) {
    }

    /** A word after Maven's aliases ("" for ga, final, release). */
    record Word(String value) {
    }

    /** The start of a nested list. */
    static final Object LIST = new Object() {
        @Override
        public String toString() {
            return "-";
        }
    };

    private MavenOrder() {
    }

    /** The version as Maven reads it, flattened. */
    static List<Object> tokens(String version) {
        String v = version.toLowerCase(Locale.ENGLISH);
        List<Object> items = new ArrayList<>();
        List<Object> list = items;
        Deque<List<Object>> stack = new ArrayDeque<>();
        stack.push(list);
        boolean isDigit = false;
        int start = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '.' || c == '-') {
                list.add(i == start ? new Num("0") : item(isDigit, v.substring(start, i), false));
                start = i + 1;
                if (c == '-') {
                    list = open(list, stack);
                }
            } else if (c >= '0' && c <= '9') {
                if (!isDigit && i > start) {
                    if (!list.isEmpty()) {
                        list = open(list, stack);
                    }
                    list.add(item(false, v.substring(start, i), true));
                    start = i;
                    list = open(list, stack);
                }
                isDigit = true;
            } else {
                if (isDigit && i > start) {
                    list.add(item(true, v.substring(start, i), false));
                    start = i;
                    list = open(list, stack);
                }
                isDigit = false;
            }
        }
        if (v.length() > start) {
            if (!isDigit && !list.isEmpty()) {
                list = open(list, stack);
            }
            list.add(item(isDigit, v.substring(start), false));
        }
        while (!stack.isEmpty()) {
            normalize(stack.pop());
        }
        List<Object> flat = new ArrayList<>();
        flatten(items, flat);
        return flat;
    }

    private static List<Object> open(List<Object> list, Deque<List<Object>> stack) {
        List<Object> sub = new ArrayList<>();
        list.add(sub);
        stack.push(sub);
        return sub;
    }

    private static Object item(boolean number, String text, boolean followedByDigit) {
        if (number) {
            String digits = text.replaceFirst("^0+", "");
            return new Num(digits.isEmpty() ? "0" : digits);
        }
        String w = text;
        if (followedByDigit && w.length() == 1) {
            w = switch (w) {
                case "a" -> "alpha";
                case "b" -> "beta";
                case "m" -> "milestone";
                default -> w;
            };
        }
        return new Word(switch (w) {
            case "ga", "final", "release" -> "";
            case "cr" -> "rc";
            default -> w;
        });
    }

    private static boolean isNull(Object item) {
        return item instanceof Num n ? n.digits().equals("0")
                : item instanceof Word w ? w.value().isEmpty()
                : ((List<?>) item).isEmpty();
    }

    private static void normalize(List<Object> list) {
        for (int i = list.size() - 1; i >= 0; i--) {
            Object last = list.get(i);
            if (isNull(last)) {
                list.remove(i);
            } else if (!(last instanceof List)) {
                break;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void flatten(List<Object> list, List<Object> out) {
        for (Object item : list) {
            if (item instanceof List) {
                out.add(LIST);
                flatten((List<Object>) item, out);
            } else {
                out.add(item);
            }
        }
    }
}
