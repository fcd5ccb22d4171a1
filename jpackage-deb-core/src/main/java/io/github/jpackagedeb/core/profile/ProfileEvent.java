package io.github.jpackagedeb.core.profile;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a flame graph counts: which JDK Flight Recorder events go into it. */
public enum ProfileEvent {

    /** Threads running Java code: {@code jdk.ExecutionSample}. */
    CPU("cpu", "CPU samples", "jdk.ExecutionSample"),
    /** Allocation samples: {@code jdk.ObjectAllocationSample} (and the TLAB events when they are on). */
    ALLOC("alloc", "allocation samples", "jdk.ObjectAllocationSample"),
    /** Blocked threads: {@code jdk.JavaMonitorEnter} and {@code jdk.ThreadPark}. */
    LOCK("lock", "lock samples", "jdk.JavaMonitorEnter/jdk.ThreadPark"),
    /** Threads running Java code or sitting in native code: {@code jdk.ExecutionSample} and {@code jdk.NativeMethodSample}. */
    WALL("wall", "wall-clock samples", "jdk.ExecutionSample/jdk.NativeMethodSample");

    private final String id;
    private final String title;
    private final String jfrEvents;

    ProfileEvent(String id, String title, String jfrEvents) {
        this.id = id;
        this.title = title;
        this.jfrEvents = jfrEvents;
    }

    /** The name users type: cpu, alloc, lock, wall. */
    public String id() {
        return id;
    }

    /** Words for a title or a message, e.g. {@code CPU samples}. */
    public String title() {
        return title;
    }

    /** The JFR event types read. */
    public String jfrEvents() {
        return jfrEvents;
    }

    /** All names, for messages: {@code cpu, alloc, lock, wall}. */
    public static String names() {
        return Arrays.stream(values()).map(ProfileEvent::id).collect(Collectors.joining(", "));
    }

    /** The event named {@code text}, case-insensitive. */
    public static ProfileEvent parse(String text) {
        if (text != null) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            for (ProfileEvent e : values()) {
                if (e.id.equals(t)) {
                    return e;
                }
            }
        }
        throw new DebException(Setting.EVENT, text,
                "is not an event a flame graph can show; the events are " + names() + ".",
                "use one of " + names() + " (cpu: " + CPU.jfrEvents + ", alloc: " + ALLOC.jfrEvents + ", lock: "
                        + LOCK.jfrEvents + ", wall: " + WALL.jfrEvents + ").");
    }
}
