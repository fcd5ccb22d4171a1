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
public class ExtraFile {
    String type;
    File src;
    String dst;
    /** The target of a symlink. */
    String linkTarget;
    String mode;
    String owner;
    String group;
}
