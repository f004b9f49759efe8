package org.nexusflowmeter.jobs.export;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The few cell styles an export uses, made once per workbook: a workbook holds at most 64,000 styles, so a style
 * per cell would both bloat the file and eventually fail.
 */
final class CellStyles {
  /** Excel shows at most milliseconds; the cell value itself keeps microseconds (see {@link ExcelSerialTime}). */
  static final String TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm:ss.000";
  static final String DATE_FORMAT = "yyyy-mm-dd";

  final CellStyle header;
  final CellStyle timestamp;
  final CellStyle date;
  /**
   * Excel's leading-apostrophe marker: the cell stays text even when a user edits and re-enters it, and the stored
   * text is unchanged (no apostrophe is added to the value).
   */
  final CellStyle quotedText;

  CellStyles(Workbook workbook) {
    Font bold = workbook.createFont();
    bold.setBold(true);
    header = workbook.createCellStyle();
    header.setFont(bold);

    timestamp = workbook.createCellStyle();
    timestamp.setDataFormat(workbook.createDataFormat().getFormat(TIMESTAMP_FORMAT));
    date = workbook.createCellStyle();
    date.setDataFormat(workbook.createDataFormat().getFormat(DATE_FORMAT));

    quotedText = workbook.createCellStyle();
    quotedText.setQuotePrefixed(true);
  }
}
