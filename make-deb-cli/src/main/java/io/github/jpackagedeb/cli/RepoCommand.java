package io.github.jpackagedeb.cli;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.repo.AptRepository;
import io.github.jpackagedeb.core.repo.RepoEntry;
import io.github.jpackagedeb.core.sign.OpenPgpSigner;
import io.github.jpackagedeb.core.sign.Passphrase;
import io.github.jpackagedeb.core.sign.SigningKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code make-deb repo add|list|remove}: maintains a signed apt repository in a directory (see
 * {@link AptRepository}). Exit codes: 0 done, 1 refused (bad input; the repository is unchanged), 2 usage error.
 */
@Command(name = "repo", mixinStandardHelpOptions = true,
        description = "Maintains an apt repository (pool/, dists/<suite>/…, signed InRelease) in a directory that any "
                + "static web server can serve.",
        subcommands = {RepoCommand.Add.class, RepoCommand.ListCmd.class, RepoCommand.Remove.class})
public final class RepoCommand implements Runnable {

    /** The environment the passphrase is read from; tests replace it. */
    static Supplier<Map<String, String>> environment = System::getenv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options that say where in the repository and how it is signed. */
    static final class Target {
        @Option(names = "--suite", defaultValue = "stable", description = "Suite (dists/<suite>). Default: ${DEFAULT-VALUE}.")
        String suite;

        @Option(names = "--component", defaultValue = "main", description = "Component. Default: ${DEFAULT-VALUE}.")
        String component;

        @Option(names = "--signing-key", paramLabel = "FILE", defaultValue = "${env:JPACKAGE_DEB_SIGNING_KEY}",
                description = "Secret key file (gpg --export-secret-keys [--armor] KEYID). Default: "
                        + "$JPACKAGE_DEB_SIGNING_KEY.")
        Path signingKey;

        @Option(names = "--key-id", paramLabel = "ID",
                description = "Key id or fingerprint of the signing key in that file. Default: its signing key.")
        String keyId;

        @Option(names = "--passphrase-env", paramLabel = "VAR", defaultValue = "JPACKAGE_DEB_PASSPHRASE",
                description = "Environment variable holding the key's passphrase. Default: ${DEFAULT-VALUE}.")
        String passphraseEnv;

        @Option(names = "--unsigned", description = "Write no signatures (apt clients then need [trusted=yes]).")
        boolean unsigned;

        @Option(names = "--date", paramLabel = "WHEN", description = "Release date: ISO-8601 or seconds since 1970. "
                + "Default: $SOURCE_DATE_EPOCH, else now.")
        String date;

        @Option(names = "--origin", description = "Origin field (clients pin on it). Default: kept, else jpackage-deb.")
        String origin;

        @Option(names = "--label", description = "Label field. Default: kept, else the origin.")
        String label;

        @Option(names = "--codename", description = "Codename field. Default: kept, else the suite.")
        String codename;

        @Option(names = "--description", description = "Description field.")
        String description;

        @Option(names = "--architectures", split = ",", paramLabel = "ARCH",
                description = "Architectures to serve besides those the suite has, e.g. amd64,arm64 (Architecture: "
                        + "all packages are listed in each).")
        List<String> architectures = new ArrayList<>();

        AptRepository open(Path root, DebLog log) {
            Map<String, String> env = environment.get();
            Instant when = releaseDate(env);
            AptRepository.Builder b = AptRepository.at(root).suite(suite).component(component).codename(codename)
                    .origin(origin).label(label).description(description).architectures(architectures).date(when)
                    .log(log);
            if (unsigned) {
                b.unsigned(true);
            } else if (signingKey != null) {
                SigningKey key = SigningKey.load(signingKey, keyId, Passphrase.fromEnvironment(passphraseEnv, env));
                b.signer(new OpenPgpSigner(key, when));
            }
            return b.build();
        }

        private Instant releaseDate(Map<String, String> env) {
            String v = date != null ? date : env.get("SOURCE_DATE_EPOCH");
            Setting field = date != null ? Setting.RELEASE_DATE : Setting.SOURCE_DATE_EPOCH;
            if (v == null || v.isBlank()) {
                return Instant.now();
            }
            if (v.strip().matches("[0-9]{1,12}")) {
                return Instant.ofEpochSecond(Long.parseLong(v.strip()));
            }
            try {
                return OffsetDateTime.parse(v.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new DebException(field, v, "is not a date.", "use ISO-8601 (2026-01-31T12:00:00Z) or seconds "
                        + "since 1970.", e);
            }
        }
    }

    /** {@code repo add}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds packages to the repository (creating it if needed), keeping every earlier version so "
                    + "that clients can roll back.")
    static final class Add implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "REPO_DIR", description = "The repository directory.")
        Path repo;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE.deb", description = "Packages to add.")
        List<Path> debs;

        @Option(names = "--force", description = "Replace a package that has the same name, version and architecture "
                + "but different content (normally refused).")
        boolean force;

        @Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            return RepoCli.run(spec, () -> {
                AptRepository.Result r = target.open(repo, RepoCli.log(spec)).add(debs, force);
                PrintWriter out = spec.commandLine().getOut();
                for (RepoEntry e : r.unchanged()) {
                    out.println("unchanged " + e.packageName() + " " + e.version() + " " + e.architecture()
                            + " (already in " + e.suite() + "/" + e.component() + ")");
                }
                out.flush();
            });
        }
    }

    /** {@code repo list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists every package of every suite: suite/component, package, version, architecture, file.")
    static final class ListCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "REPO_DIR", description = "The repository directory.")
        Path repo;

        @Option(names = "--suite", description = "Only this suite.")
        String suite;

        @Override
        public Integer call() {
            return RepoCli.run(spec, () -> {
                PrintWriter out = spec.commandLine().getOut();
                for (RepoEntry e : AptRepository.at(repo).unsigned(true).build().list()) {
                    if (suite == null || suite.equals(e.suite())) {
                        out.println(e.suite() + "/" + e.component() + "\t" + e.packageName() + "\t" + e.version() + "\t"
                                + e.architecture() + "\t" + e.filename());
                    }
                }
                out.flush();
            });
        }
    }

    /** {@code repo remove}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes a package (all versions, or PACKAGE=VERSION) from a suite; its pool files go when "
                    + "no suite lists them any more.")
    static final class Remove implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "REPO_DIR", description = "The repository directory.")
        Path repo;

        @Parameters(index = "1", paramLabel = "PACKAGE[=VERSION]", description = "What to remove.")
        String what;

        @Option(names = "--arch", paramLabel = "ARCH", description = "Only this architecture.")
        String arch;

        @Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            return RepoCli.run(spec, () -> {
                int eq = what.indexOf('=');
                String pkg = eq < 0 ? what : what.substring(0, eq);
                String version = eq < 0 ? null : what.substring(eq + 1);
                target.open(repo, RepoCli.log(spec)).remove(pkg, version, arch);
            });
        }
    }
}
