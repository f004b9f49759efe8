package org.nexusflowmeter.jobs.export;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads a large XLSX file back with POI's streaming (SAX) reader, which holds one row at a time: for each sheet its
 * name, row count, and the first column as displayed in its header, first data row and last row.
 */
final class SheetRowCounter {
  record SheetSummary(String name, int rows, int lastRowIndex, String header, String firstValue,
      String lastValue) {}

  private SheetRowCounter() {}

  static List<SheetSummary> read(Path file) throws Exception {
    List<SheetSummary> sheets = new ArrayList<>();
    try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
      XSSFReader.SheetIterator iterator = (XSSFReader.SheetIterator) reader.getSheetsData();
      while (iterator.hasNext()) {
        try (InputStream sheet = iterator.next()) {
          Counter counter = new Counter();
          XMLReader parser = XMLHelper.newXMLReader();
          parser.setContentHandler(
              new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, counter, new DataFormatter(), false));
          parser.parse(new InputSource(sheet));
          sheets.add(new SheetSummary(iterator.getSheetName(), counter.rows, counter.lastRowIndex,
              counter.header, counter.firstValue, counter.lastValue));
        }
      }
    }
    return sheets;
  }

  private static final class Counter implements XSSFSheetXMLHandler.SheetContentsHandler {
    int rows;
    int lastRowIndex = -1;
    String header;
    String firstValue;
    String lastValue;

    @Override
    public void startRow(int rowIndex) {
      rows++;
      lastRowIndex = rowIndex;
    }

    @Override
    public void endRow(int rowIndex) {}

    @Override
    public void cell(String reference, String value, XSSFComment comment) {
      if (!reference.startsWith("A")) {
        return;
      }
      if (lastRowIndex == 0) {
        header = value;
      } else if (lastRowIndex == 1) {
        firstValue = value;
      }
      lastValue = value;
    }
  }
}
