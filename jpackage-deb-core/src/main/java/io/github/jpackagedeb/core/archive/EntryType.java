package io.github.jpackagedeb.core.archive;

/** The kinds of data.tar entries a package may contain. No hard links, devices or fifos, ever. */
public enum EntryType {
    DIRECTORY,
    FILE,
    SYMLINK
}
