package org.nexusflowmeter.jobs.export;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;

/**
 * Text cells that a spreadsheet shows as the exact text, never as a formula.
 *
 * <p>POI's streaming writer stores text as an inline string ({@code t="inlineStr"}), which no spreadsheet evaluates
 * on open, whatever its first character. Text that starts with a formula trigger also gets the quote-prefix style
 * (what Excel records when a user types a leading apostrophe), so it stays text if a user edits and re-enters the
 * cell. No character is added to the stored text, so it reads back exactly as it was written.
 */
final class TextCells {
  /** Excel refuses longer text in one cell (and POI throws); longer text is cut to this many characters. */
  static final int MAX_LENGTH = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

  private TextCells() {}

  static void write(Row target, int column, String text, CellStyles styles) {
    Cell cell = target.createCell(column);
    cell.setCellValue(fitted(text));
    if (FormulaTriggers.startsWithTrigger(text)) {
      cell.setCellStyle(styles.quotedText);
    }
  }

  /** The text cut to {@link #MAX_LENGTH}, never between the two halves of a surrogate pair. */
  static String fitted(String text) {
    if (text.length() <= MAX_LENGTH) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
    return text.substring(0, end);
  }
}
