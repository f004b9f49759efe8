package org.nexusflowmeter.jobs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nexusflowmeter.jobs.flows.FlowOutputFormat;
import org.nexusflowmeter.jobs.flows.Seconds;

/**
 * Reads the original tool's command line ({@code PCAP_FILE OUTPUT_FILE | -d DIR -c OUTDIR, options}); options
 * take their value as the next argument or after {@code =} ({@code --max-flows=10}). Every mistake is a
 * {@link UsageException} naming the argument; options that have no effect in the chosen mode are warnings.
 */
final class CommandLineParser {
  private final List<String> warnings = new ArrayList<>();

  /** What the last {@link #parse} found worth telling but not fatal. */
  List<String> warnings() {
    return warnings;
  }

  CommandLine parse(String[] args) {
    CommandLine line = new CommandLine();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String inline = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        inline = arg.substring(equals + 1);
      }
      boolean takesValue = takesValue(name);
      String value = null;
      if (takesValue) {
        if (inline != null) {
          value = inline;
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new UsageException(name + " needs a value");
        }
      } else if (inline != null) {
        throw new UsageException(name + " takes no value");
      }
      switch (name) {
        case "-h":
        case "--help":
          line.help = true;
          break;
        case "-d":
        case "--directory":
          line.inputDirectory = Path.of(value);
          break;
        case "-c":
        case "--output-dir":
          line.outputDirectory = Path.of(value);
          break;
        case "--merge":
          line.merge = true;
          break;
        case "--protocols":
          line.protocols = ProtocolSelection.parse(value);
          break;
        case "--max-flows":
          line.maxFlows = number(name, value, 0, Long.MAX_VALUE);
          break;
        case "-of":
        case "--output-format":
          try {
            line.format = FlowOutputFormat.parse(value);
          } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
          }
          break;
        case "--quick-preview":
          line.quickPreview = (int) number(name, value, 0, Integer.MAX_VALUE);
          break;
        case "-y":
        case "--yes":
          line.yes = true;
          break;
        case "--split-by-protocol":
          line.splitByProtocol = true;
          break;
        case "--stream":
          line.stream = true;
          break;
        case "--chunk-size":
          // MiB as a split size in bytes must fit a long
          line.chunkSizeMb = number(name, value, 1, Long.MAX_VALUE >> 20);
          break;
        case "--max-workers":
          line.maxWorkers = (int) number(name, value, 1, Integer.MAX_VALUE);
          break;
        case "--flow-timeout":
          line.flowOptions = line.flowOptions.withIdleTimeout(seconds(name, value));
          break;
        case "--active-timeout":
          line.flowOptions = line.flowOptions.withActiveTimeout(seconds(name, value));
          break;
        case "--report-dir":
          line.reportDirectory = Path.of(value);
          break;
        case "-v":
        case "--verbose":
          line.verbose = true;
          break;
        case "--master":
          line.master = value;
          break;
        default:
          if (arg.startsWith("-") && arg.length() > 1) {
            throw new UsageException("unknown option " + arg + " (see --help)");
          }
          positional.add(arg);
      }
    }
    if (!line.help) {
      checkMode(line, positional);
    }
    return line;
  }

  private void checkMode(CommandLine line, List<String> positional) {
    if (line.inputDirectory != null) {
      if (!positional.isEmpty()) {
        throw new UsageException("give either PCAP_FILE OUTPUT_FILE or -d DIR -c OUTDIR, not both (got "
            + String.join(" ", positional) + ")");
      }
      if (line.outputDirectory == null) {
        throw new UsageException("-d DIR needs -c OUTDIR, the directory the flow files go to");
      }
      if (line.splitByProtocol) {
        warnings.add("--split-by-protocol applies to single-file mode; ignored with -d");
        line.splitByProtocol = false;
      }
      if (line.quickPreview > 0 && !line.merge) {
        warnings.add("--quick-preview applies to one output (single file or --merge); ignored");
        line.quickPreview = 0;
      }
      return;
    }
    if (positional.size() != 2) {
      throw new UsageException(positional.size() > 2
          ? "too many arguments: " + String.join(" ", positional.subList(2, positional.size()))
          : "need PCAP_FILE and OUTPUT_FILE, or -d DIR -c OUTDIR (see --help)");
    }
    line.pcapFile = Path.of(positional.get(0));
    line.outputFile = Path.of(positional.get(1));
    if (line.outputDirectory != null) {
      warnings.add("-c applies to batch mode (-d); ignored");
      line.outputDirectory = null;
    }
    if (line.merge) {
      warnings.add("--merge applies to batch mode (-d); ignored");
      line.merge = false;
    }
  }

  private static boolean takesValue(String name) {
    switch (name) {
      case "-d":
      case "--directory":
      case "-c":
      case "--output-dir":
      case "--protocols":
      case "--max-flows":
      case "-of":
      case "--output-format":
      case "--quick-preview":
      case "--chunk-size":
      case "--max-workers":
      case "--flow-timeout":
      case "--active-timeout":
      case "--report-dir":
      case "--master":
        return true;
      default:
        return false;
    }
  }

  private static long number(String option, String text, long min, long max) {
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(option + " takes a whole number, not '" + text + "'");
    }
    if (value < min || value > max) {
      throw new UsageException(option + " must be " + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE
          ? "at least " + min : "between " + min + " and " + max) + ", not " + text);
    }
    return value;
  }

  private static java.time.Duration seconds(String option, String text) {
    try {
      return Seconds.parse(option, text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
