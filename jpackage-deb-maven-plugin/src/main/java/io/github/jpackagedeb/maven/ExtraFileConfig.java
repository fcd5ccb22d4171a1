package io.github.jpackagedeb.maven;

import java.io.File;

/**
 * One {@code <extraFile>} of {@code <extraFiles>}: more files, directories and links, after nfpm's types.
 *
 * <pre>{@code
 * <extraFile>
 *   <type>config</type>                   <!-- file (default), config, config|noreplace, dir, symlink -->
 *   <src>src/deb/app.conf</src>           <!-- file and config only -->
 *   <dst>/etc/hello-service/app.conf</dst>
 *   <mode>0640</mode>                     <!-- optional -->
 *   <owner>hello-service</owner>          <!-- optional; set by postinst (data.tar is root:root) -->
 *   <group>adm</group>                    <!-- optional -->
 * </extraFile>
 * }</pre>
 */
public class ExtraFileConfig {
    /** file (default), config, config|noreplace, dir or symlink. */
    String type;
    /** The file to copy (file and config only). */
    File src;
    /** The absolute path on the installed system. */
    String dst;
    /** The target of a symlink. */
    String linkTarget;
    /** Octal mode, e.g. 0640; default 0644 for files, 0755 for directories. */
    String mode;
    /** The owner, set by postinst (data.tar is root:root). */
    String owner;
    /** The group, set by postinst. */
    String group;
}
