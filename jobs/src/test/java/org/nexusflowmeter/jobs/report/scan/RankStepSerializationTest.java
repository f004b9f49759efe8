package org.nexusflowmeter.jobs.report.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/**
 * A pass's counts come back from the tasks whole with either serializer a session may use for task results:
 * Java's (the default) and Kryo's (the command's), which ignores Java's serialization hooks.
 */
class RankStepSerializationTest {
  @Test
  void countsAndKeptKeysSurviveJavaAndKryo() {
    SparkConf conf = new SparkConf();
    for (SerializerInstance serializer : List.of(new JavaSerializer(conf).newInstance(),
        new KryoSerializer(conf).newInstance())) {
      RankStep counting = RankStep.counting(0, -1L);
      RankStep keeping = RankStep.keeping(RankStep.key(1.0), RankStep.key(9.0));
      for (double d : new double[] {0.5, 1.0, 2.5, 2.5, 7.0, 1e9, -3.0}) {
        counting.add(d);
        keeping.add(d);
      }
      RankStep countingBack = roundTrip(serializer, counting);
      RankStep keepingBack = roundTrip(serializer, keeping);
      String name = serializer.getClass().getSimpleName();
      assertEquals(counting.shift, countingBack.shift, name);
      assertArrayEquals(counting.counts(), countingBack.counts(), name);
      for (int b = 0; b < counting.counts().length; b++) {
        if (counting.counts()[b] > 0) {
          assertEquals(counting.least(b), countingBack.least(b), name);
          assertEquals(counting.greatest(b), countingBack.greatest(b), name);
        }
      }
      assertEquals(7, java.util.Arrays.stream(countingBack.counts()).sum(), name);
      assertArrayEquals(keeping.sortedKeys(), keepingBack.sortedKeys(), name);
      assertEquals(4, keepingBack.sortedKeys().length, name + ": 1.0, 2.5, 2.5 and 7.0 fall in [1, 9]");
    }
  }

  private static RankStep roundTrip(SerializerInstance serializer, RankStep step) {
    return serializer.deserialize(serializer.serialize(step, ClassTag$.MODULE$.apply(RankStep.class)),
        ClassTag$.MODULE$.apply(RankStep.class));
  }
}
