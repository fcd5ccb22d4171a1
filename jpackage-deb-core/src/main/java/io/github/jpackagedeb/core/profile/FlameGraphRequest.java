package io.github.jpackagedeb.core.profile;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link FlameGraphs#render} makes: one flame graph from JDK Flight Recorder recordings (files, or directories
 * searched for {@code *.jfr}), for one event and an optional time window, written as interactive HTML and as collapsed
 * stacks ({@code frame;frame;frame count}). Immutable; see {@link #builder()}.
 */
public final class FlameGraphRequest {

    private final List<Path> inputs;
    private final ProfileEvent event;
    private final WindowBound from;
    private final WindowBound to;
    private final String title;
    private final Path html;
    private final Path collapsed;

    private FlameGraphRequest(Builder b) {
        this.inputs = List.copyOf(b.inputs);
        this.event = b.event;
        this.from = b.from;
        this.to = b.to;
        this.title = b.title != null ? b.title : defaultTitle(b.event, b.from, b.to);
        this.html = b.html;
        this.collapsed = b.collapsed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Recording files and directories, as given. */
    public List<Path> inputs() {
        return inputs;
    }

    public ProfileEvent event() {
        return event;
    }

    /** The start of the window, or null for the start of each recording. */
    public WindowBound from() {
        return from;
    }

    /** The end of the window, or null for the end of each recording. */
    public WindowBound to() {
        return to;
    }

    /** The heading of the HTML page. */
    public String title() {
        return title;
    }

    /** Where the HTML flame graph goes, or null for none. */
    public Path html() {
        return html;
    }

    /** Where the collapsed stacks go, or null for none. */
    public Path collapsed() {
        return collapsed;
    }

    private static String defaultTitle(ProfileEvent event, WindowBound from, WindowBound to) {
        String t = Character.toUpperCase(event.title().charAt(0)) + event.title().substring(1);
        if (from != null || to != null) {
            t += " from " + (from != null ? from : "the start") + " to " + (to != null ? to : "the end");
        }
        return t;
    }

    /** Builds a {@link FlameGraphRequest}; {@link #build()} checks it. */
    public static final class Builder {
        private final List<Path> inputs = new ArrayList<>();
        private ProfileEvent event = ProfileEvent.CPU;
        private WindowBound from;
        private WindowBound to;
        private String title;
        private Path html;
        private Path collapsed;

        private Builder() {
        }

        /** A recording file, or a directory searched recursively for {@code *.jfr}. */
        public Builder input(Path p) {
            inputs.add(Objects.requireNonNull(p, "input"));
            return this;
        }

        public Builder inputs(List<Path> ps) {
            ps.forEach(this::input);
            return this;
        }

        public Builder event(ProfileEvent e) {
            this.event = Objects.requireNonNull(e, "event");
            return this;
        }

        public Builder from(WindowBound b) {
            this.from = b;
            return this;
        }

        public Builder to(WindowBound b) {
            this.to = b;
            return this;
        }

        public Builder title(String t) {
            this.title = t;
            return this;
        }

        public Builder html(Path p) {
            this.html = p;
            return this;
        }

        public Builder collapsed(Path p) {
            this.collapsed = p;
            return this;
        }

        /** Both outputs from one base name: {@code BASE.html} and {@code BASE.collapsed}. */
        public Builder outputBase(Path base) {
            String name = base.getFileName() == null ? "flamegraph" : base.getFileName().toString();
            for (String ext : List.of(".html", ".collapsed")) {
                if (name.endsWith(ext) && name.length() > ext.length()) {
                    name = name.substring(0, name.length() - ext.length());
                }
            }
            Path dir = base.getParent();
            this.html = dir == null ? Path.of(name + ".html") : dir.resolve(name + ".html");
            this.collapsed = dir == null ? Path.of(name + ".collapsed") : dir.resolve(name + ".collapsed");
            return this;
        }

        public FlameGraphRequest build() {
            if (inputs.isEmpty()) {
                throw new DebException(Setting.RECORDING, null, "no recording given.",
                        "give a .jfr file or a directory of them, e.g. /var/lib/<pkg>/profiles.");
            }
            if (html == null && collapsed == null) {
                throw new DebException(Setting.OUTPUT, null, "no output given.", "name where the flame graph goes.");
            }
            if (html != null && html.equals(collapsed)) {
                throw new DebException(Setting.OUTPUT, html.toString(),
                        "is given for both the HTML and the collapsed stacks.",
                        "give two different files.");
            }
            if (to != null && !to.absolute() && to.offset().isZero()) {
                throw new DebException(Setting.TO, to.toString(),
                        "ends the window at the start of the recording, so it is empty.",
                        "give a later end, e.g. 10m.");
            }
            if (from != null && to != null) {
                if (from.absolute() != to.absolute()) {
                    throw new DebException(Setting.TO, to.toString(),
                            "mixes an instant and a duration with from '" + from
                            + "', so the window cannot be checked.", "give both as instants or both as durations.");
                }
                if (from.equals(to) || from.after(to)) {
                    throw new DebException(Setting.FROM, from.toString(),
                            "is not before to '" + to + "', so the window is empty.",
                            "give a from earlier than the to.");
                }
            }
            if (title != null && title.isBlank()) {
                throw new DebException(Setting.TITLE, title, "is blank.",
                        "give a title, or leave it out for the default.");
            }
            return new FlameGraphRequest(this);
        }
    }
}
