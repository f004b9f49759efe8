package org.nexusflowmeter.jobs.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** A worksheet's raw XML from an XLSX file, for what POI's reading model does not show (formula elements). */
final class SheetXml {
  private SheetXml() {}

  static String of(Path workbook, int sheetNumber) throws IOException {
    try (ZipFile zip = new ZipFile(workbook.toFile())) {
      ZipEntry entry = zip.getEntry("xl/worksheets/sheet" + sheetNumber + ".xml");
      if (entry == null) {
        throw new IOException("no sheet " + sheetNumber + " in " + workbook);
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }
}
