package org.nexusflowmeter.jobs.flows;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * An order of flow rows by columns, each ascending (nulls first) or descending (nulls last), as Spark's
 * {@code orderBy(col(a), desc(b))} sorts them.
 */
public final class FlowSortOrder implements Serializable {
  private static final long serialVersionUID = 1L;

  final List<String> names = new ArrayList<>();
  final List<Boolean> descending = new ArrayList<>();

  private FlowSortOrder() {}

  public static FlowSortOrder descendingBy(String name) {
    return new FlowSortOrder().then(name, true);
  }

  public static FlowSortOrder ascendingBy(String name) {
    return new FlowSortOrder().then(name, false);
  }

  /** This order, ties broken by {@code name} ascending. */
  public FlowSortOrder thenAscending(String name) {
    return copy().then(name, false);
  }

  /** The same order as Spark columns, for {@code orderBy} and {@code sortWithinPartitions}. */
  public Column[] columns() {
    Column[] columns = new Column[names.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = descending.get(i) ? col(names.get(i)).desc_nulls_last() : col(names.get(i)).asc_nulls_first();
    }
    return columns;
  }

  private FlowSortOrder copy() {
    FlowSortOrder copy = new FlowSortOrder();
    copy.names.addAll(names);
    copy.descending.addAll(descending);
    return copy;
  }

  private FlowSortOrder then(String name, boolean descendingOrder) {
    names.add(name);
    descending.add(descendingOrder);
    return this;
  }
}
