package io.github.jpackagedeb.core.sign;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.archive.ArWriter;
import io.github.jpackagedeb.core.debfile.DebFile;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Embeds an origin signature in a .deb the way {@code debsigs --sign=origin} does, so that {@code debsig-verify}
 * (and dpkg, when its {@code no-debsig} option is removed) can check it: an {@code ar} member {@code _gpgorigin}
 * holding a binary OpenPGP detached signature over the concatenated data of {@code debian-binary},
 * {@code control.tar.*} and {@code data.tar.*}, appended after {@code data.tar.*}.
 *
 * <p>The member's mtime is the signature time, owner 0/0 and mode 100644, like the other members our writer makes.
 * A package that already carries signature members ({@code _gpg*}) loses them: the new origin signature replaces
 * them. The signed package is written to a temporary file beside the original and renamed over it, so a failure
 * leaves the original untouched. With a deterministic algorithm (Ed25519, RSA) the same package, key and time give
 * the same bytes (see {@link OpenPgpSigner}).
 */
public final class DebSigner {

    /** The member debsigs names for an origin signature. */
    public static final String ORIGIN_MEMBER = "_gpgorigin";

    private final OpenPgpSigner signer;
    private final DebLog log;

    public DebSigner(OpenPgpSigner signer, DebLog log) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Signs {@code deb} in place.
     *
     * @return the package as signed
     * @throws DebException when the file is not a valid package or cannot be rewritten
     */
    public DebFile sign(Path deb) {
        return sign(DebFile.read(deb));
    }

    /**
     * Signs a package already read (and checked) in place; for a package this process has just written, read it
     * with {@link DebFile#readWritten} so that its data.tar is not decompressed again.
     *
     * @return the package as signed
     * @throws DebException when the file cannot be rewritten
     */
    public DebFile sign(DebFile in) {
        byte[] signature = signer.detached(in::writeSignedContent);
        if (in.members().size() > 3) {
            log.info("Replacing the signature members of " + in.path().getFileName() + " with a new origin signature");
        }
        Path target = in.path();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".sign." + ProcessHandle.current().pid() + "."
                + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (FileChannel src = FileChannel.open(target, StandardOpenOption.READ);
                 FileChannel dst = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long keep = in.endOfPackageMembers();
                long copied = 0;
                while (copied < keep) {
                    long n = src.transferTo(copied, keep - copied, dst);
                    if (n <= 0) {
                        throw new IOException(target + " shrank while being signed");
                    }
                    copied += n;
                }
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(dst));
                ArWriter.member(out, ORIGIN_MEMBER, signer.signatureTime().getEpochSecond(), signature);
                out.flush();
                dst.force(true);
            }
            copyPermissions(target, tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new DebException(Setting.DEB, target.toString(), "cannot write the signed package: " + e.getMessage(),
                    "check free space and permissions of " + target.getParent() + ".", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    log.warn("could not delete the temporary file " + tmp + ": " + e);
                }
            }
        }
        log.info("Signed " + target.getFileName() + " (" + ORIGIN_MEMBER + ", key " + signer.key().keyId() + ")");
        // the data members were copied unchanged: check the structure again, not every byte of data.tar
        return DebFile.readWritten(target, in.changelogGz().orElse(null));
    }

    private static void copyPermissions(Path from, Path to) {
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: keep the default
        }
    }
}
