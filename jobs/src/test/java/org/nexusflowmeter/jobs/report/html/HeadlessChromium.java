package org.nexusflowmeter.jobs.report.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, on a local file: no network, no profile of its own beyond a fresh directory, no
 * background services. Used to check that the report's charts really render.
 */
final class HeadlessChromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 90;

  private HeadlessChromium() {}

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** The DOM of {@code page} after its scripts ran in a window {@code width} CSS pixels wide, serialised. */
  static String dumpDom(Path page, Path scratch, int width) throws IOException, InterruptedException {
    return run(page, scratch, List.of("--dump-dom", "--window-size=" + width + ",800"));
  }

  /** A PNG of the first {@code width} × {@code height} CSS pixels of {@code page}, at one device pixel each. */
  static Path screenshot(Path page, Path scratch, int width, int height, Path png)
      throws IOException, InterruptedException {
    run(page, scratch, List.of("--screenshot=" + png, "--window-size=" + width + "," + height,
        "--force-device-scale-factor=1", "--hide-scrollbars"));
    if (!Files.isRegularFile(png)) {
      throw new IOException("chromium wrote no screenshot " + png);
    }
    return png;
  }

  private static String run(Path page, Path scratch, List<String> action) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(scratch, "chromium-profile");
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
    command.addAll(action);
    command.add(page.toUri().toString());
    Path stdout = scratch.resolve("chromium-stdout-" + System.nanoTime());
    Path stderr = scratch.resolve("chromium-stderr-" + System.nanoTime());
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
        .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s");
    }
    if (process.exitValue() != 0) {
      throw new IOException("chromium exited with " + process.exitValue() + ": "
          + Files.readString(stderr, StandardCharsets.UTF_8));
    }
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }
}
