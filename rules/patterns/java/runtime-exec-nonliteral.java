import java.io.IOException;
import java.util.concurrent.TimeUnit;

public class ReportExporter {
    private static final String CONVERT = "/usr/bin/convert";
    private final Runtime runtime = Runtime.getRuntime();

    public void thumbnail(String uploadedName) throws IOException, InterruptedException {
        // ruleid: patterns.java.runtime-exec-nonliteral
        Process p = Runtime.getRuntime().exec("convert " + uploadedName + " -resize 64x64 thumb.png");
        p.waitFor(30, TimeUnit.SECONDS);
    }

    public void ping(String host) throws IOException {
        // ruleid: patterns.java.runtime-exec-nonliteral
        runtime.exec(String.format("ping -c 1 %s", host));
    }

    public void archive(String dir) throws IOException {
        String cmd = "tar czf /backups/out.tgz " + dir;
        // ruleid: patterns.java.runtime-exec-nonliteral
        runtime.exec(cmd);
    }

    public void grep(String pattern) throws IOException {
        // ruleid: patterns.java.runtime-exec-nonliteral
        Runtime.getRuntime().exec(new String[]{"/bin/sh", "-c", "grep " + pattern + " /var/log/app.log"});
    }

    public void listTmp() throws IOException {
        // ok: patterns.java.runtime-exec-nonliteral
        Runtime.getRuntime().exec("ls -la /tmp");
    }

    public void resize(String uploadedName) throws IOException {
        // ok: patterns.java.runtime-exec-nonliteral
        Runtime.getRuntime().exec(new String[]{CONVERT, uploadedName, "-resize", "64x64", "thumb.png"});
    }

    public void rotateLogs() throws IOException {
        // ok: patterns.java.runtime-exec-nonliteral
        runtime.exec(new String[]{"/bin/sh", "-c", "logrotate /etc/logrotate.d/app"});
    }

    public void versionCheck() throws IOException {
        // ok: patterns.java.runtime-exec-nonliteral
        runtime.exec(CONVERT + " -version");
    }
}
