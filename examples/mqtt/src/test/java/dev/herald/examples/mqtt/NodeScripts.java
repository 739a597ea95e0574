package dev.herald.examples.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the MQTT scripts of {@code e2e/} with Node.js (the approach of the demo's end-to-end tests).
 * Node and the scripts' npm packages (from the committed lock file) are required: a missing one
 * fails the test with what to install, it is never skipped. A script that overruns is killed with
 * every process it started.
 */
final class NodeScripts {
  private NodeScripts() {}

  static Path dir() {
    String dir = System.getProperty("herald.e2e.dir");
    assertThat(dir).as("system property herald.e2e.dir (set by the build)").isNotBlank();
    Path p = Path.of(dir);
    if (!Files.isDirectory(p.resolve("node_modules/mqtt")) || !Files.isExecutable(p.resolve("node_modules/.bin/mqtt"))) {
      fail("The MQTT end-to-end tests need the mqtt npm package and its command-line client: run "
          + "`npm ci --prefix e2e` (Node.js 20) first.");
    }
    return p;
  }

  /** Runs {@code node <script> <args>} in e2e/, waits up to {@code timeoutSeconds}, fails on a non-zero exit. */
  static String run(String script, long timeoutSeconds, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(script);
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir().toFile()).redirectErrorStream(true);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      fail("The end-to-end tests need Node.js 20 on the PATH (`node` could not be started: " + e.getMessage() + ")");
      throw e;
    }
    try {
      CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        stop(p);
        fail("node " + script + " did not finish within " + timeoutSeconds + " s:\n" + output.getNow("(no output)"));
      }
      String out = output.get(10, TimeUnit.SECONDS);
      assertThat(p.exitValue()).as("node %s exited with %d:\n%s", script, p.exitValue(), out).isZero();
      return out;
    } finally {
      stop(p);
    }
  }

  /** Kills the script and whatever it started (the command-line clients of mqtt-cli.js). */
  private static void stop(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }
}
