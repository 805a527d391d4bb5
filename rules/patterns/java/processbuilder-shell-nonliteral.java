import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

public class GitMirror {
    private static final String FETCH_ALL = "git fetch --all --prune";

    public Process clone(String repoUrl, File workDir) throws IOException {
        // ruleid: patterns.java.processbuilder-shell-nonliteral
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "git clone " + repoUrl + " mirror");
        pb.directory(workDir);
        pb.redirectErrorStream(true);
        return pb.start();
    }

    public Process checkout(String branch) throws IOException {
        String script = String.format("git checkout %s && git pull", branch);
        // ruleid: patterns.java.processbuilder-shell-nonliteral
        return new ProcessBuilder(Arrays.asList("/bin/bash", "-c", script)).start();
    }

    public Process windowsDir(String path) throws IOException {
        ProcessBuilder pb = new ProcessBuilder();
        // ruleid: patterns.java.processbuilder-shell-nonliteral
        pb.command("cmd.exe", "/c", "dir " + path);
        return pb.start();
    }

    public Process cloneSafely(String repoUrl, File workDir) throws IOException {
        // ok: patterns.java.processbuilder-shell-nonliteral
        ProcessBuilder pb = new ProcessBuilder("git", "clone", "--", repoUrl, "mirror");
        pb.directory(workDir);
        return pb.start();
    }

    public Process fetchAll() throws IOException {
        // ok: patterns.java.processbuilder-shell-nonliteral
        return new ProcessBuilder("sh", "-c", FETCH_ALL).start();
    }

    public Process cleanup() throws IOException {
        // ok: patterns.java.processbuilder-shell-nonliteral
        return new ProcessBuilder(List.of("/bin/sh", "-c", "rm -rf build/tmp && mkdir -p build/tmp")).start();
    }
}
