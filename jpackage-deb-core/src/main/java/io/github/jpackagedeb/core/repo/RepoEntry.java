package io.github.jpackagedeb.core.repo;

/**
 * One package of a repository, as {@code repo list} shows it.
 *
 * @param suite        the suite ({@code dists/<suite>})
 * @param component    the component ({@code main})
 * @param packageName  the package name
 * @param version      its Debian version
 * @param architecture its architecture ({@code all}, {@code amd64}…)
 * @param filename     its path from the repository root ({@code pool/main/h/hello/hello_1.0-1_all.deb})
 * @param size         its size in bytes
 * @param sha256       its SHA-256
 */
public record RepoEntry(String suite, String component, String packageName, String version, String architecture,
                        String filename, long size, String sha256) {
}
