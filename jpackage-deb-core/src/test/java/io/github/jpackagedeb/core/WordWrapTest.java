package io.github.jpackagedeb.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WordWrapTest {

    @Test
    void greedyAtTheWidth() {
        assertEquals(List.of("aaa bbb", "ccc"), WordWrap.lines("aaa bbb ccc", 7, false));
        assertEquals(List.of("aaa", "bbb", "ccc"), WordWrap.lines("aaa  bbb ccc", 6, false));
        assertEquals(List.of(""), WordWrap.lines("", 10, true));
    }

    @Test
    void longWordsStayWholeOrBreakAfterPunctuation() {
        String coords = "org.example.group:artifact-id:1.2.3";
        assertEquals(List.of("see", coords), WordWrap.lines("see " + coords, 12, false));
        assertEquals(List.of("see", "org.example.", "group:", "artifact-id:", "1.2.3"),
                WordWrap.lines("see " + coords, 12, true));
        assertEquals(List.of("abcde", "fghij", "k"), WordWrap.lines("abcdefghijk", 5, true));
    }

    /** The same lines as the two wraps it replaced (ControlFile's description wrap, DebianChangelog.wrap). */
    @Test
    void sameAsTheFormerWraps() {
        Random r = new Random(42);
        for (int n = 0; n < 2000; n++) {
            StringBuilder t = new StringBuilder();
            int words = r.nextInt(40);
            for (int i = 0; i < words; i++) {
                t.append(" ".repeat(i == 0 ? r.nextInt(2) : 1 + r.nextInt(2)));
                int len = r.nextInt(10) == 0 ? 60 + r.nextInt(140) : 1 + r.nextInt(12);
                for (int k = 0; k < len; k++) {
                    t.append("abc:/.-_,xyz".charAt(r.nextInt(12)));
                }
            }
            String text = t.toString();
            int width = 20 + r.nextInt(70);
            assertEquals(formerChangelogWrap(text, width),
                    String.join("\n    ", WordWrap.lines(text, width - 4, false)), text);
            if (!text.isBlank()) {
                assertEquals(formerDescriptionWrap(text, 78),
                        String.join("", WordWrap.lines(text.trim(), 78, true).stream().map(l -> " " + l + "\n").toList()),
                        text);
            }
        }
    }

    private static String formerChangelogWrap(String text, int width) {
        StringBuilder sb = new StringBuilder();
        int col = 4;
        for (String word : text.split(" +")) {
            if (col > 4 && col + 1 + word.length() > width) {
                sb.append("\n    ");
                col = 4;
            } else if (col > 4) {
                sb.append(' ');
                col++;
            }
            sb.append(word);
            col += word.length();
        }
        return sb.toString();
    }

    private static String formerDescriptionWrap(String line, int width) {
        StringBuilder sb = new StringBuilder();
        StringBuilder cur = new StringBuilder();
        List<String> words = new java.util.ArrayList<>();
        for (String w : line.trim().split(" +")) {
            while (w.length() > width) {
                int cut = width;
                for (int i = width; i > 1; i--) {
                    if (":/.-_,".indexOf(w.charAt(i - 1)) >= 0) {
                        cut = i;
                        break;
                    }
                }
                words.add(w.substring(0, cut));
                w = w.substring(cut);
            }
            words.add(w);
        }
        for (String word : words) {
            if (cur.length() > 0 && cur.length() + 1 + word.length() > width) {
                sb.append(' ').append(cur).append('\n');
                cur.setLength(0);
            }
            if (cur.length() > 0) {
                cur.append(' ');
            }
            cur.append(word);
        }
        sb.append(' ').append(cur).append('\n');
        return sb.toString();
    }
}
