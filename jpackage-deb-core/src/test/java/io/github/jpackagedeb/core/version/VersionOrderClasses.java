package io.github.jpackagedeb.core.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The documented classes of pairs whose Maven order dpkg cannot keep (docs/versions.md), as predicates. */
final class VersionOrderClasses {

    static final String TRAILING_ZEROS = "trailing zeros";
    static final String CYCLE = "Maven's cycle around the release";
    static final String SP_VS_WORD = "sp against other words";
    static final String WORD_PREFIX = "a word that begins another";
    static final String SNAPSHOT_TIME = "parts after SNAPSHOT";
    static final String WORD_VS_NUMBER_AFTER_WORD = "after a word: a number against another part above the release";
    static final String DOT_WORD_AFTER_WORD = "a .word after a word";

    private VersionOrderClasses() {
    }

    /** The class of a disagreeing pair, or null when it is none of the documented ones. */
    static String classify(String a, String b, int maven) {
        List<BigInteger> ra = run(a);
        List<BigInteger> rb = run(b);
        if (!ra.equals(rb) && strip(ra).equals(strip(rb))) {
            return TRAILING_ZEROS;
        }
        if (!ra.equals(rb)) {
            return null;
        }
        List<Object> ta = MavenOrder.tokens(a);
        List<Object> tb = MavenOrder.tokens(b);
        int i = 0;
        while (i < ta.size() && i < tb.size() && same(ta.get(i), tb.get(i))) {
            i++;
        }
        if (i == ta.size() || i == tb.size()) {
            List<Object> shorter = i == ta.size() ? ta : tb;
            return !shorter.isEmpty() && shorter.get(shorter.size() - 1) instanceof MavenOrder.Word w
                    && w.value().equals("snapshot") ? SNAPSHOT_TIME : null;
        }
        Object x = ta.get(i);
        Object y = tb.get(i);
        int kx = kind(x);
        int ky = kind(y);
        int sx = MavenVersionMapper.tail(ta, i);
        int sy = MavenVersionMapper.tail(tb, i);
        if (kx != ky && sx != sy && Integer.signum(kx - ky) != Integer.signum(sx - sy)) {
            return CYCLE;
        }
        boolean afterWord = i > 0 && ta.get(i - 1) instanceof MavenOrder.Word;
        boolean afterWordList = i > 1 && ta.get(i - 1) == MavenOrder.LIST && ta.get(i - 2) instanceof MavenOrder.Word;
        if (x instanceof MavenOrder.Word wx && y instanceof MavenOrder.Word wy) {
            String u = wx.value();
            String v = wy.value();
            if ((u.equals("sp") && !known(v)) || (v.equals("sp") && !known(u))) {
                return SP_VS_WORD;
            }
            if (!known(u) && !known(v) && (u.startsWith(v) || v.startsWith(u))) {
                return WORD_PREFIX;
            }
        }
        if (afterWordList && (kx == 1) != (ky == 1) && sx > 0 && sy > 0) {
            return WORD_VS_NUMBER_AFTER_WORD;
        }
        if (afterWord && kx != ky && (kx == -1 || ky == -1) && sx > 0 && sy > 0) {
            return DOT_WORD_AFTER_WORD;
        }
        return null;
    }

    /** Maven's order of kinds at one place: a word (-1) before a list (0) before a number (1). */
    private static int kind(Object t) {
        return t == MavenOrder.LIST ? 0 : t instanceof MavenOrder.Num ? 1 : -1;
    }

    private static boolean known(String w) {
        return List.of("alpha", "beta", "milestone", "rc", "snapshot", "sp").contains(w);
    }

    private static boolean same(Object x, Object y) {
        return x == y || x.equals(y);
    }

    /** The leading numbers as written, e.g. 1.0.0 for 1.0.0-rc1. */
    static List<BigInteger> run(String v) {
        List<BigInteger> out = new ArrayList<>();
        String l = v.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < l.length() && Character.isDigit(l.charAt(i))) {
            int from = i;
            while (i < l.length() && Character.isDigit(l.charAt(i))) {
                i++;
            }
            out.add(new BigInteger(l.substring(from, i)));
            if (i + 1 < l.length() && l.charAt(i) == '.' && Character.isDigit(l.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        return out;
    }

    private static List<BigInteger> strip(List<BigInteger> run) {
        List<BigInteger> out = new ArrayList<>(run);
        while (!out.isEmpty() && out.get(out.size() - 1).signum() == 0) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
