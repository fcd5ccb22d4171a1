package io.github.jpackagedeb.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The one word wrap of the project: control-file descriptions (Policy 5.6.13, 80 columns) and changelog bullets
 * (lintian's debian-changelog-line-too-long). Hand-written: commons-lang3's WordUtils is deprecated, commons-text is
 * not on the class path, and neither breaks an over-long word after punctuation as descriptions need.
 */
public final class WordWrap {

    private WordWrap() {
    }

    /**
     * Greedy wrap: {@code text} split at runs of spaces, words joined by one space into lines of at most
     * {@code width} characters; a line always takes at least one word.
     *
     * @param breakLongWords whether a word longer than {@code width} (Maven coordinates, a URL) is cut into pieces that
     *                       fit, each after a {@code : / . - _ ,} where it can be, else at the width; when false it
     *                       stays whole on a line of its own
     */
    public static List<String> lines(String text, int width, boolean breakLongWords) {
        List<String> lines = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String word : words(text.split(" +"), width, breakLongWords)) {
            if (cur.length() > 0 && cur.length() + 1 + word.length() > width) {
                lines.add(cur.toString());
                cur.setLength(0);
            }
            if (cur.length() > 0) {
                cur.append(' ');
            }
            cur.append(word);
        }
        lines.add(cur.toString());
        return lines;
    }

    private static List<String> words(String[] words, int width, boolean breakLongWords) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            while (breakLongWords && w.length() > width) {
                int cut = width;
                for (int i = width; i > 1; i--) {
                    if (":/.-_,".indexOf(w.charAt(i - 1)) >= 0) {
                        cut = i;
                        break;
                    }
                }
                out.add(w.substring(0, cut));
                w = w.substring(cut);
            }
            out.add(w);
        }
        return out;
    }
}
