package org.nexusflowmeter.pcap.oracle;

/** Which files under the corpus folder are captures (the rest are its index, notes, scripts and CSVs). */
final class CorpusFiles {
  private CorpusFiles() {}

  static boolean isCapture(String relativePath) {
    String name = relativePath.toLowerCase(java.util.Locale.ROOT);
    return !(name.endsWith(".tsv") || name.endsWith(".md") || name.endsWith(".csv") || name.endsWith(".py")
        || name.endsWith(".sh"));
  }
}
