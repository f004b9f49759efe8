package org.nexusflowmeter.jobs.flows;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.nexusflowmeter.pcap.spark.PcapDecodedScan;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The flow job's packet fields ({@link PacketFields#COLUMNS}) as an RDD of Spark's internal rows, in that column
 * order. When the packets are nothing but a columnar scan, no row is copied, where Spark's plan would first copy
 * every packet into a row of its own format: a scan of the {@code pcap} source (which reads column batches by
 * default) is read by {@link DecodedPacketRows}, from each record's decoding without column batches; any other
 * columnar scan (Parquet, say) gives views over its own batches. Any other plan (a filter, a join, a row-based
 * source) is run as Spark plans it.
 */
final class PacketRows {
  private PacketRows() {}

  static JavaRDD<InternalRow> of(Dataset<Row> packets) {
    Dataset<Row> selected = packets.select(PacketFields.COLUMNS);
    SparkPlan scan = columnarScan(selected);
    if (scan == null) {
      return SparkRows.of(selected);
    }
    PcapDecodedScan decoded = PcapDecodedScan.of(scan);
    if (decoded != null) {
      return DecodedPacketRows.of(packets.sparkSession().sparkContext(), decoded);
    }
    List<Attribute> scanned = CollectionConverters.asJava(scan.output());
    String[] names = selected.columns();
    int[] positions = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      positions[i] = -1;
      for (int j = 0; j < scanned.size(); j++) {
        if (scanned.get(j).name().equals(names[i])) {
          positions[i] = j;
        }
      }
      if (positions[i] < 0) {
        return SparkRows.of(selected);
      }
    }
    return scan.executeColumnar().toJavaRDD().mapPartitions(batches -> new BatchRows(batches, positions));
  }

  /** The columnar scan that {@code selected} only reads, renames or reorders, or null. */
  static SparkPlan columnarScan(Dataset<Row> selected) {
    return columnarScanUnder(selected.queryExecution().executedPlan());
  }

  /**
   * The columnar scan a plan only reads, renames or reorders, or null: {@code ColumnarToRow(scan)}, maybe under a
   * projection of plain columns and whole-stage code generation.
   */
  private static SparkPlan columnarScanUnder(SparkPlan plan) {
    while (true) {
      if (plan instanceof WholeStageCodegenExec) {
        plan = ((WholeStageCodegenExec) plan).child();
      } else if (plan instanceof InputAdapter) {
        plan = ((InputAdapter) plan).child();
      } else if (plan instanceof ProjectExec && onlyColumns((ProjectExec) plan)) {
        plan = ((ProjectExec) plan).child();
      } else if (plan instanceof ColumnarToRowExec) {
        SparkPlan child = ((ColumnarToRowExec) plan).child();
        if (child instanceof InputAdapter) {
          child = ((InputAdapter) child).child();
        }
        return child.supportsColumnar() && child.children().isEmpty() ? child : null;
      } else {
        return null;
      }
    }
  }

  private static boolean onlyColumns(ProjectExec project) {
    for (NamedExpression e : CollectionConverters.asJava(project.projectList())) {
      if (!(e instanceof Attribute)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The rows of each batch, as views with the columns in the wanted order. The scan reuses its batch for the
   * next one, so each batch's rows are read before the next batch is asked for.
   */
  private static final class BatchRows implements Iterator<InternalRow> {
    private final Iterator<ColumnarBatch> batches;
    private final int[] positions;
    private Iterator<InternalRow> rows = Collections.emptyIterator();

    BatchRows(Iterator<ColumnarBatch> batches, int[] positions) {
      this.batches = batches;
      this.positions = positions;
    }

    @Override
    public boolean hasNext() {
      while (!rows.hasNext()) {
        if (!batches.hasNext()) {
          return false;
        }
        ColumnarBatch batch = batches.next();
        ColumnVector[] vectors = new ColumnVector[positions.length];
        for (int i = 0; i < positions.length; i++) {
          vectors[i] = batch.column(positions[i]);
        }
        rows = new ColumnarBatch(vectors, batch.numRows()).rowIterator();
      }
      return true;
    }

    @Override
    public InternalRow next() {
      hasNext();
      return rows.next();
    }
  }
}
